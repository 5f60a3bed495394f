package io.kubefile.store;

/**
 * Protects blobs written while it is open from {@link ImageStore#prune()}: a blob is unreachable
 * from index.json between its commit and the tag that references it. Writers hold a lease from the
 * first blob to the last tag; prune waits until no lease is held in any process.
 */
public interface StoreLease extends AutoCloseable {
  @Override
  void close();
}
