package app.aula.catalog;

/**
 * A catalogue file that fails the validity rules of catalog.md §2.1. The message is the one line
 * the loader logs and reports as {@code health.catalog.error}: the reason, and for syntax and
 * encoding errors also the line and column, which are kept separately as well.
 */
public final class InvalidCatalogException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int line;
    private final int column;

    /** A structural failure with no position (for example "top level is not an object"). */
    public InvalidCatalogException(String reason) {
        super(reason);
        this.reason = reason;
        this.line = -1;
        this.column = -1;
    }

    /** A failure at a 1-based line and column of the file. */
    public InvalidCatalogException(String reason, int line, int column, Throwable cause) {
        super(reason + " (line " + line + ", column " + column + ")", cause);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    /** The reason without the position. */
    public String reason() {
        return reason;
    }

    /** 1-based line of the error, or -1 when the failure has no position. */
    public int line() {
        return line;
    }

    /** 1-based column of the error, counted in bytes as Jackson does, or -1 without a position. */
    public int column() {
        return column;
    }
}
