package app.aula.testing.drive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file stored in the fake. Binary files have content, a size and a real MD5 of that content;
 * Google-native documents ({@code application/vnd.google-apps.*}) have neither and cannot be
 * downloaded, as on Drive. The optional metadata setters are fluent and may be called at any time,
 * also while requests run.
 *
 * <p>By default a file lives in a <em>shared drive</em>: like Drive, the fake then answers 404 to
 * metadata and media requests that lack {@code supportsAllDrives=true}, which proves the parameter
 * is sent. {@link #inMyDrive()} lifts that.
 */
public final class FakeDriveFile {

    public static final String GOOGLE_DOC = "application/vnd.google-apps.document";
    /** Default {@code modifiedTime}: fixed, and with milliseconds, as Drive reports it. */
    public static final Instant DEFAULT_MODIFIED_TIME = Instant.parse("2024-03-01T12:00:00.123Z");

    private final String id;
    private final String name;
    private final String mimeType;
    private final Content content;
    private volatile String md5Checksum;
    /** The MD5 is computed on first use: generated files can be large and many tests never ask. */
    private volatile boolean md5Known;
    private volatile Instant modifiedTime = DEFAULT_MODIFIED_TIME;
    private volatile String headRevisionId;
    private volatile Long durationMillis;
    private volatile boolean inSharedDrive = true;

    private FakeDriveFile(String id, String name, String mimeType, Content content) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.mimeType = Objects.requireNonNull(mimeType);
        this.content = content;
        this.md5Known = content == null;
    }

    static FakeDriveFile withBytes(String id, String name, String mimeType, byte[] bytes) {
        if (mimeType.startsWith("application/vnd.google-apps.")) {
            throw new IllegalArgumentException("Google-native documents have no content; use addGoogleDoc");
        }
        byte[] copy = bytes.clone();
        return new FakeDriveFile(id, name, mimeType, new Content() {
            @Override public long size() { return copy.length; }
            @Override public void copy(long position, byte[] target, int offset, int length) {
                System.arraycopy(copy, Math.toIntExact(position), target, offset, length);
            }
        });
    }

    static FakeDriveFile generated(String id, String name, String mimeType, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        return new FakeDriveFile(id, name, mimeType, new Content() {
            @Override public long size() { return size; }
            @Override public void copy(long position, byte[] target, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    target[offset + i] = generatedByte(position + i);
                }
            }
        });
    }

    static FakeDriveFile googleNative(String id, String name, String mimeType) {
        if (!mimeType.startsWith("application/vnd.google-apps.")) {
            throw new IllegalArgumentException("not a Google-native type: " + mimeType);
        }
        return new FakeDriveFile(id, name, mimeType, null);
    }

    /**
     * The byte at {@code position} of a file made by {@link FakeDrive#addGeneratedFile}. It depends
     * on the low and the higher bits of the position, so a range shifted by any amount is noticed.
     */
    public static byte generatedByte(long position) {
        return (byte) (position + 7 * (position >>> 8) + 13 * (position >>> 16) + 17 * (position >>> 24));
    }

    public String id() { return id; }
    public String name() { return name; }
    public String mimeType() { return mimeType; }
    public boolean isGoogleNative() { return content == null; }
    /** Content size in bytes; -1 for a Google-native document. */
    public long size() { return content == null ? -1 : content.size(); }
    public String md5Checksum() {
        if (!md5Known) {
            synchronized (this) {
                if (!md5Known) {
                    md5Checksum = md5(content);
                    md5Known = true;
                }
            }
        }
        return md5Checksum;
    }

    public Instant modifiedTime() { return modifiedTime; }
    public String headRevisionId() { return headRevisionId; }
    public Long durationMillis() { return durationMillis; }
    public boolean inSharedDrive() { return inSharedDrive; }

    /** Content bytes {@code first..last} (inclusive), what a correct range download must yield. */
    public byte[] bytes(long first, long last) {
        if (content == null) {
            throw new IllegalStateException(id + " is a Google-native document without content");
        }
        if (first < 0 || last < first - 1 || last >= content.size()) {
            throw new IndexOutOfBoundsException("range " + first + "-" + last + " of " + content.size());
        }
        byte[] slice = new byte[Math.toIntExact(last - first + 1)];
        content.copy(first, slice, 0, slice.length);
        return slice;
    }

    /** The whole content. */
    public byte[] bytes() {
        return bytes(0, size() - 1);
    }

    /** Overrides the MD5 reported in metadata; {@code null} makes the file report none. */
    public synchronized FakeDriveFile md5Checksum(String md5) {
        this.md5Checksum = md5;
        this.md5Known = true;
        return this;
    }

    public FakeDriveFile modifiedTime(Instant time) { this.modifiedTime = Objects.requireNonNull(time); return this; }
    public FakeDriveFile headRevisionId(String revision) { this.headRevisionId = revision; return this; }
    /** Reported as {@code videoMediaMetadata.durationMillis}; {@code null} omits {@code videoMediaMetadata}. */
    public FakeDriveFile durationMillis(Long millis) { this.durationMillis = millis; return this; }
    /** Moves the file to "My Drive", where requests without {@code supportsAllDrives} find it too. */
    public FakeDriveFile inMyDrive() { this.inSharedDrive = false; return this; }

    void copy(long position, byte[] target, int offset, int length) {
        content.copy(position, target, offset, length);
    }

    private static String md5(Content content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[64 * 1024];
            for (long position = 0; position < content.size(); position += buffer.length) {
                int length = (int) Math.min(buffer.length, content.size() - position);
                content.copy(position, buffer, 0, length);
                digest.update(buffer, 0, length);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    private interface Content {
        long size();

        void copy(long position, byte[] target, int offset, int length);
    }
}
