package dev.presence.service;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** A fresh service with the harness's default engine for each test, stopped after it. */
@Timeout(30)
abstract class ServiceTest {
  ServiceHarness http;

  @BeforeEach
  void start() throws IOException {
    http = new ServiceHarness();
  }

  @AfterEach
  void stop() {
    http.close();
  }
}
