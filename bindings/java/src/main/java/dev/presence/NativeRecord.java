package dev.presence;

/**
 * A SWIG proxy of a C record (pe_config, pe_counts, ...), whose C memory is freed by {@link
 * #close()}. SWIG's finalizers are turned off (see presence.i): records live for one call.
 */
interface NativeRecord extends AutoCloseable {
  @Override
  void close();
}
