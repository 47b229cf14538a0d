package dev.presence;

import static dev.presence.TestTimes.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots across restarts: save, restore, and every bad file or argument refused. */
class PersistenceTest {
  @TempDir Path dir;

  /** A snapshot of ann (two tabs, in a room, busy) and bob, saved at t(5). */
  private Path savedEngine(EngineBuilder builder) {
    Path file = dir.resolve("engine.snap");
    try (Engine engine = builder.build()) {
      engine.open("ann-tab", OpenOptions.user("ann").withMeta("tab-1").withTransportId("s1"), t(0));
      engine.open("ann-phone", OpenOptions.user("ann"), t(0));
      engine.open("bob-tab", OpenOptions.user("bob"), t(1));
      engine.joinRoom("ann-tab", "standup", t(1));
      engine.setAvailability("ann", Availability.BUSY, t(2));
      engine.save(file, t(5));
    }
    return file;
  }

  @Test
  void saveThenRestoreKeepsUsersSessionsRoomsAndEventSeqs() throws IOException {
    Path file = dir.resolve("engine.snap");
    long lastSeq;
    Counts before;
    String token;
    try (Engine engine = Engine.builder().requireResumeToken(true).build()) {
      token =
          engine
              .open(
                  "ann-tab", OpenOptions.user("ann").withMeta("tab-1").withTransportId("s1"), t(0))
              .resumeToken();
      engine.open("bob-tab", OpenOptions.user("bob"), t(1));
      engine.joinRoom("ann-tab", "standup", t(1));
      engine.setAvailability("ann", Availability.BUSY, t(2));
      engine.advance(t(5));
      before = engine.counts(t(5));
      lastSeq = engine.stats().lastSeq();
      assertTrue(lastSeq > 0);
      engine.save(file, t(5));
      engine.save(file, t(5)); // replaces the file
    }
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }

    try (Engine restored = Engine.builder().requireResumeToken(true).restore(file, t(6))) {
      Counts after = restored.counts(t(6));
      assertEquals(before.sessionsAlive(), after.sessionsAlive());
      assertEquals(2, after.sessionsAlive());
      assertEquals(before.usersActive(), after.usersActive());
      assertEquals(1, after.rooms());
      assertEquals(2, after.sessionsReconnecting(), "the transports were lost in the restart");

      Session ann = restored.session("ann-tab", t(6)).orElseThrow();
      assertEquals("ann", ann.userId().orElseThrow());
      assertEquals("tab-1", ann.meta().orElseThrow());
      assertEquals(State.ACTIVE, ann.state());
      assertTrue(ann.reconnecting());
      assertEquals(t(0), ann.lastActivityAt());

      User annUser = restored.user("ann", t(6)).orElseThrow().user();
      assertEquals(State.ACTIVE, annUser.state());
      assertEquals(Availability.BUSY, annUser.availability());
      assertEquals(1, annUser.sessionCount());
      assertEquals(
          List.of("standup"), restored.roomsOf("ann", t(6)).stream().map(Room::roomId).toList());
      assertEquals("bob", restored.session("bob-tab", t(6)).orElseThrow().userId().orElseThrow());

      assertEquals(lastSeq, restored.stats().lastSeq(), "event seqs continue");
      assertThrows(TooFarBehindException.class, () -> restored.eventsSince(lastSeq - 1));
      assertEquals(0, restored.eventsSince(lastSeq).events().size());

      OpenResult resumed =
          restored.open(
              "ann-tab",
              OpenOptions.user("ann").withTransportId("s2").withResumeToken(token),
              t(7));
      assertTrue(resumed.continued(), "a token given before the restart still continues");
      assertEquals(State.ACTIVE, resumed.state());
    }
  }

  @Test
  void aRestoreLongAfterFindsEveryoneOffline() {
    Path file = savedEngine(Engine.builder());
    try (Engine soon = Engine.builder().restore(file, t(6))) {
      assertEquals(3, soon.counts(t(6)).sessionsAlive());
      assertEquals(2, soon.counts(t(6)).usersAlive());
    }
    try (Engine late = Engine.builder().restore(file, t(86_400))) {
      Counts counts = late.counts(t(86_400));
      assertEquals(0, counts.sessionsAlive());
      assertEquals(0, counts.usersAlive());
      assertEquals(0, counts.usersStale());
      assertTrue(late.session("ann-tab", t(86_400)).isEmpty());
      assertEquals(
          State.OFFLINE,
          late.user("ann", t(86_400)).map(detail -> detail.user().state()).orElse(State.OFFLINE));
      assertTrue(late.now().compareTo(t(86_400)) >= 0);
    }
  }

  @Test
  void aRestoreWithoutATimeUsesTheClockAndTheBuildersTicker() {
    Path file = savedEngine(Engine.builder());
    try (Engine restored = Engine.builder().ticker(Duration.ofMillis(50)).restore(file)) {
      assertFalse(restored.isClosed());
      assertTrue(restored.now().isAfter(t(5)));
      // Restored at the wall clock, years after t(5): everyone is offline.
      assertEquals(0, restored.counts().sessionsAlive());
    }
  }

  @Test
  void truncatedAndGarbageFilesAreCorruptAndNothingIsLoaded() throws IOException {
    Path file = savedEngine(Engine.builder());
    byte[] whole = Files.readAllBytes(file);
    EngineBuilder builder = Engine.builder().ticker(Duration.ofMillis(50));

    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    CorruptSnapshotException truncated =
        assertThrows(CorruptSnapshotException.class, () -> builder.restore(file, t(6)));
    assertEquals(Status.CORRUPT, truncated.status());
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    assertTrue(truncated.getMessage().contains(file.toString()), truncated.getMessage());

    Files.write(file, "hello, world".getBytes(StandardCharsets.US_ASCII));
    CorruptSnapshotException garbage =
        assertThrows(CorruptSnapshotException.class, () -> builder.restore(file, t(6)));
    assertTrue(garbage.getMessage().contains("not a presence snapshot"), garbage.getMessage());

    Files.write(file, new byte[0]);
    assertThrows(CorruptSnapshotException.class, () -> builder.restore(file, t(6)));

    byte[] flipped = whole.clone();
    flipped[flipped.length / 2] ^= 0x5a; // damaged: the checksum fails
    Files.write(file, flipped);
    assertThrows(CorruptSnapshotException.class, () -> builder.restore(file, t(6)));

    byte[] newer = whole.clone();
    newer[8]++; // the format version
    Files.write(file, newer);
    assertThrows(UnsupportedException.class, () -> builder.restore(file, t(6)));

    // The failed restores left the file as it was and the builder usable.
    assertArrayEquals(newer, Files.readAllBytes(file));
    Files.write(file, whole);
    try (Engine restored = builder.restore(file, t(6))) {
      assertEquals(3, restored.counts(t(6)).sessionsAlive());
    }
  }

  @Test
  void aMissingFileIsNotFoundAsAtAFirstStart() {
    Path missing = dir.resolve("missing.snap");
    NotFoundException error =
        assertThrows(NotFoundException.class, () -> Engine.builder().restore(missing));
    assertEquals(Status.NOT_FOUND, error.status());
    assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());

    // The documented first-start pattern.
    EngineBuilder builder = Engine.builder();
    Engine started;
    try {
      started = builder.restore(missing, t(0));
    } catch (NotFoundException firstStart) {
      started = builder.build();
    }
    try (Engine engine = started) {
      assertEquals(0, engine.counts(t(0)).sessionsAlive());
      engine.save(missing, t(0));
    }
    assertTrue(Files.exists(missing));
  }

  @Test
  void savingIntoADirectoryThatDoesNotExistIsAnIoError() throws IOException {
    Path nowhere = dir.resolve("no-such-dir").resolve("engine.snap");
    try (Engine engine = Engine.create()) {
      engine.open("ann-tab", OpenOptions.user("ann"), t(0));
      IoErrorException error =
          assertThrows(IoErrorException.class, () -> engine.save(nowhere, t(0)));
      assertEquals(Status.IO_ERROR, error.status());
      assertTrue(error.getMessage().contains(nowhere.toString()), error.getMessage());
      assertEquals(1, engine.counts(t(0)).sessionsAlive(), "the engine is unchanged");
    }
    assertFalse(Files.exists(nowhere.getParent()));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aSnapshotIsReadableByItsOwnerOnlyAndRelativePathsWork() throws IOException {
    Path file = savedEngine(Engine.builder());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    Path relative = Path.of("").toAbsolutePath().relativize(file);
    try (Engine restored = Engine.builder().restore(relative, t(6))) {
      assertEquals(3, restored.counts(t(6)).sessionsAlive());
    }
  }

  @Test
  void nullArgumentsAreInvalid() {
    Path file = dir.resolve("engine.snap");
    try (Engine engine = Engine.create()) {
      assertNullInvalid(() -> engine.save(null), "path");
      assertNullInvalid(() -> engine.save(null, t(0)), "path");
      assertNullInvalid(() -> engine.save(file, null), "now");
    }
    assertNullInvalid(() -> Engine.builder().restore(null), "path");
    assertNullInvalid(() -> Engine.builder().restore(null, t(0)), "path");
    assertNullInvalid(() -> Engine.builder().restore(file, null), "now");
    assertFalse(Files.exists(file), "nothing was written");
  }

  @Test
  void aClusterNodeIsNeitherSavedNorRestored() {
    Path file = savedEngine(Engine.builder());
    try (Engine node = Engine.builder().nodeId("node-a").build()) {
      UnsupportedException error =
          assertThrows(UnsupportedException.class, () -> node.save(dir.resolve("node.snap")));
      assertTrue(error.getMessage().contains("cluster node"), error.getMessage());
    }
    UnsupportedException error =
        assertThrows(
            UnsupportedException.class,
            () -> Engine.builder().nodeId("node-a").restore(file, t(6)));
    assertTrue(error.getMessage().contains("cluster node"), error.getMessage());
    assertFalse(Files.exists(dir.resolve("node.snap")));
  }

  @Test
  void savingAfterCloseThrowsEngineClosed() {
    Path file = dir.resolve("engine.snap");
    Engine engine = Engine.create();
    engine.open("ann-tab", OpenOptions.user("ann"), t(0));
    engine.close();
    EngineClosedException error =
        assertThrows(EngineClosedException.class, () -> engine.save(file));
    assertEquals(Status.CLOSED, error.status());
    assertThrows(EngineClosedException.class, () -> engine.save(file, t(1)));
    assertFalse(Files.exists(file));
  }

  private static void assertNullInvalid(Runnable call, String name) {
    InvalidArgumentException error = assertThrows(InvalidArgumentException.class, call::run);
    assertEquals(name + " must not be null", error.getMessage());
  }
}
