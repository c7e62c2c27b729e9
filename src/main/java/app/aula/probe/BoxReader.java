package app.aula.probe;

import java.io.IOException;

/** Positional reads of a few header bytes, from a local file or from Aula's own byte endpoint. */
interface BoxReader extends AutoCloseable {

    /**
     * Reads up to {@code into.length} bytes at {@code offset}; returns how many were read, fewer
     * only at the end of the input. Blocking: called on a probe thread only.
     */
    int read(long offset, byte[] into) throws IOException;

    /** The input's size in bytes, or -1 while unknown (a remote input before its first read). */
    long size();

    @Override
    void close() throws IOException;
}
