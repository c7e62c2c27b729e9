package app.aula.probe;

/** Where the {@code moov} box of an MP4/MOV file sits relative to its media data. */
public enum MoovPosition {
    /** Before the first {@code mdat}: a browser can start playing after a short read. */
    FRONT("front"),
    /** After the media data: a browser must fetch the end of the file before it can play. */
    END("end"),
    /** Not an MP4/MOV input, no {@code moov} found, or the boxes could not be read. */
    UNKNOWN("unknown");

    private final String json;

    MoovPosition(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    static MoovPosition fromJson(String text) {
        for (MoovPosition position : values()) {
            if (position.json.equals(text)) {
                return position;
            }
        }
        return UNKNOWN;
    }
}
