package app.aula.http;

/**
 * An inclusive span of bytes {@code first..last} of a representation of {@code size} bytes, as
 * sent in {@code Content-Range: bytes first-last/size}.
 */
public record ByteRange(long first, long last, long size) {

    public ByteRange {
        if (first < 0 || last < first || last >= size) {
            throw new IllegalArgumentException("bad span " + first + "-" + last + "/" + size);
        }
    }

    public long length() {
        return last - first + 1;
    }

    public String contentRange() {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The request header that asks an upstream for exactly this span. */
    public String rangeHeader() {
        return "bytes=" + first + "-" + last;
    }
}
