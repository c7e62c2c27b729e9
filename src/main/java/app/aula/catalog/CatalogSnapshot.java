package app.aula.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything served from one catalogue load (catalog.md §5.3), built once and never changed, so
 * the store can publish it with one atomic reference swap. The parsed tree is not kept: the
 * snapshot holds the prepared bodies, where each course entry sits in the {@code /api/courses}
 * body, the match candidates and the derived counts, which keeps it well under the 4× file-size
 * memory budget of §2.8.
 */
public final class CatalogSnapshot {

    /** The 97-byte body of {@code /api/courses} and {@code /api/bootstrap} with nothing loaded. */
    static final byte[] EMPTY_BODY = ("{\"categories\":[],\"stats\":{\"totalCategories\":0,"
            + "\"totalRoutes\":0,\"totalCourses\":0,\"totalClasses\":0}}").getBytes(StandardCharsets.UTF_8);

    private final String version;
    private final CatalogSource source;
    private final boolean loaded;
    private final String path;
    private final Instant mtime;
    private final Instant loadedAt;
    private final PreparedBody courses;
    private final PreparedBody bootstrap;
    private final PreparedBody cacheMeta;
    private final NormalizedStats stats;
    private final int classCount;
    private final SelfCheck selfCheck;
    private final CourseLocator locator;
    private final CourseSlices slices;

    private CatalogSnapshot(Parts parts) {
        this.version = parts.version;
        this.source = parts.source;
        this.loaded = parts.loaded;
        this.path = parts.path;
        this.mtime = parts.mtime;
        this.loadedAt = Objects.requireNonNull(parts.loadedAt, "loadedAt");
        this.courses = parts.courses;
        this.bootstrap = parts.bootstrap;
        this.cacheMeta = parts.cacheMeta;
        this.stats = parts.stats;
        this.classCount = parts.classCount;
        this.selfCheck = parts.selfCheck;
        this.locator = parts.locator;
        this.slices = parts.slices;
    }

    /** Field-by-field construction state, so the two factories read as a list of what is built. */
    private static final class Parts {
        String version;
        CatalogSource source;
        boolean loaded;
        String path;
        Instant mtime;
        Instant loadedAt;
        PreparedBody courses;
        PreparedBody bootstrap;
        PreparedBody cacheMeta;
        NormalizedStats stats;
        int classCount;
        SelfCheck selfCheck;
        CourseLocator locator;
        CourseSlices slices;
    }

    /**
     * Builds the snapshot of a valid catalogue (see {@link CatalogDocument#parse}).
     *
     * @param tree         the parsed file; not retained
     * @param fileBytes    the file as read, for {@code catalogVersion}; not retained
     * @param composedPath the path cache-meta reports (configured folder + {@code /courses_cache.json})
     * @param mtime        the file's modification time, or {@code null} if unknown
     */
    public static CatalogSnapshot fromDocument(JsonNode tree, byte[] fileBytes, CatalogSource source,
            String composedPath, Instant mtime, Instant loadedAt) {
        Parts parts = new Parts();
        parts.source = Objects.requireNonNull(source, "source");
        parts.loaded = true;
        parts.path = composedPath;
        parts.mtime = mtime;
        parts.loadedAt = loadedAt;
        // The hash and the big gzip need nothing from the tree, so they run on a pool thread
        // while this thread walks the tree: that keeps a cold 20 MB load well under budget on 2 cores.
        CompletableFuture<String> version = CompletableFuture.supplyAsync(
                () -> CatalogVersion.ofFile(fileBytes, composedPath, source, mtime));
        CoursesBodyWriter.Written full = CoursesBodyWriter.write(tree, fileBytes.length);
        CompletableFuture<byte[]> coursesGzip = CompletableFuture.supplyAsync(() -> PreparedBody.gzip(full.body()));
        parts.slices = full.slices();
        parts.stats = StatsNormalizer.normalize(JsonOut.field(tree, "stats"));
        parts.bootstrap = PreparedBody.of(BootstrapProjection.project(tree, parts.stats));
        parts.classCount = CatalogWalk.countClasses(tree);
        parts.selfCheck = SelfCheck.of(tree);
        parts.locator = CourseLocator.of(tree);
        parts.courses = new PreparedBody(full.body(), join(coursesGzip));
        parts.version = join(version);
        parts.cacheMeta = PreparedBody.of(CacheMeta.body(composedPath, source, mtime, parts.stats,
                parts.courses.identity().length, parts.bootstrap.identity().length, parts.version));
        return new CatalogSnapshot(parts);
    }

    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * The snapshot served when no catalogue is loaded: 97-byte bodies, and cache-meta describing
     * the path the store chose (§4), labelled {@code none} when there is no path.
     */
    public static CatalogSnapshot empty(CatalogSource pathSource, String path, Instant mtime,
            Instant loadedAt) {
        CatalogSource metaSource = path == null ? CatalogSource.NONE : Objects.requireNonNull(pathSource);
        Parts parts = new Parts();
        parts.source = CatalogSource.NONE;
        parts.loaded = false;
        parts.path = path;
        parts.mtime = mtime;
        parts.loadedAt = loadedAt;
        parts.version = CatalogVersion.ofEmpty(path, metaSource, mtime);
        parts.stats = NormalizedStats.ZERO;
        parts.courses = PreparedBody.of(EMPTY_BODY);
        parts.bootstrap = parts.courses;
        parts.cacheMeta = PreparedBody.of(CacheMeta.body(path, metaSource, mtime, parts.stats,
                EMPTY_BODY.length, EMPTY_BODY.length, parts.version));
        parts.classCount = 0;
        parts.selfCheck = SelfCheck.EMPTY;
        parts.locator = CourseLocator.of(null);
        parts.slices = new CourseSlices().trimSeparators(EMPTY_BODY);
        return new CatalogSnapshot(parts);
    }

    /**
     * Resolves the three refs (as decoded, untrimmed) per catalog.md §6 and assembles the
     * api.md §3.5 body from the stored course bytes. Bodies are built per call, not memoised:
     * that is one copy of one course, while memoising could double the snapshot's size.
     */
    public Optional<CourseDetail> courseDetail(String catRef, String routeRef, String courseRef) {
        return locator.locate(catRef, routeRef, courseRef).flatMap(this::detailOf);
    }

    private Optional<CourseDetail> detailOf(CourseLocator.Match match) {
        int entry = slices.find(match.catIdx(), match.routeIdx(), match.courseIdx());
        if (entry < 0) {
            return Optional.empty(); // unreachable: both sides follow CatalogWalk's rules
        }
        byte[] full = courses.identity();
        int start = slices.start(entry);
        int length = slices.end(entry) - start;
        ByteArrayOutputStream body = new ByteArrayOutputStream(length + 200);
        ascii(body, "{\"catId\":");
        utf8(body, match.catIdJson());
        ascii(body, ",\"routeId\":");
        utf8(body, match.routeIdJson());
        ascii(body, ",\"courseId\":");
        body.writeBytes(JsonOut.bytes(out -> out.writeString(match.courseId())));
        ascii(body, ",\"indices\":{\"catIdx\":" + match.catIdx() + ",\"routeIdx\":" + match.routeIdx()
                + ",\"courseIdx\":" + match.courseIdx() + "},\"course\":");
        body.write(full, start, length);
        ascii(body, ",\"isCourseRoute\":" + match.courseRoute() + "}");
        return Optional.of(new CourseDetail(match.catIdx(), match.routeIdx(), match.courseIdx(),
                body.toByteArray()));
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void utf8(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code catalogVersion}: 16 lowercase hex digits. */
    public String version() {
        return version;
    }

    /** The source of the loaded file; {@link CatalogSource#NONE} for the empty snapshot. */
    public CatalogSource source() {
        return source;
    }

    /** True when built from a file (the demo included). */
    public boolean loaded() {
        return loaded;
    }

    /** The composed path cache-meta reports, or {@code null}. */
    public String path() {
        return path;
    }

    /** The file's modification time, or {@code null}. */
    public Instant mtime() {
        return mtime;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public PreparedBody courses() {
        return courses;
    }

    public PreparedBody bootstrap() {
        return bootstrap;
    }

    public PreparedBody cacheMeta() {
        return cacheMeta;
    }

    /** Normalised stats (catalog.md §3.4). */
    public NormalizedStats stats() {
        return stats;
    }

    /** Class objects actually present, counted per course entry. */
    public int classCount() {
        return classCount;
    }

    public SelfCheck selfCheck() {
        return selfCheck;
    }

    /** Load warnings, such as stats values replaced by 0. */
    public List<String> warnings() {
        return stats.warnings();
    }
}
