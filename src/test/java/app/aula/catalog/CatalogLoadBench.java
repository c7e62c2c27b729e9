package app.aula.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Not a test (no timed assertions): a manual measurement of the catalog.md §2.8 budget.
 *
 * <pre>
 * python3 /work/shared/fixtures/gen_catalog.py --classes 20000 --out /tmp/big/courses_cache.json
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:target/test-classes:$(cat cp.txt) app.aula.catalog.CatalogLoadBench \
 *     /tmp/big/courses_cache.json
 * </pre>
 *
 * Prints the time of each load phase, cold and warm, and the heap a snapshot retains (measured
 * as the used-heap difference after GC with and without a reference to it).
 */
public final class CatalogLoadBench {

    private CatalogLoadBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/big/courses_cache.json");
        for (int run = 1; run <= 6; run++) {
            long t0 = System.nanoTime();
            byte[] bytes = Files.readAllBytes(file);
            long t1 = System.nanoTime();
            JsonNode tree = CatalogDocument.parse(bytes);
            long t2 = System.nanoTime();
            CatalogSnapshot snapshot = CatalogSnapshot.fromDocument(tree, bytes, CatalogSource.DATA,
                    file.toString(), Files.getLastModifiedTime(file).toInstant(), Instant.now());
            long t3 = System.nanoTime();
            System.out.printf("run %d: read %d ms, parse+validate %d ms, snapshot %d ms, total %d ms%n", run,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t3 - t0) / 1_000_000);
            if (run == 1) {
                System.out.printf("file %d bytes; courses %d (gzip %d); bootstrap %d (gzip %d); classes %d; refs %d%n",
                        bytes.length, snapshot.courses().identity().length, snapshot.courses().gzip().length,
                        snapshot.bootstrap().identity().length, snapshot.bootstrap().gzip().length,
                        snapshot.classCount(), snapshot.selfCheck().totalRefs());
            }
        }
        long before = usedAfterGc();
        CatalogSnapshot kept = load(file);
        long after = usedAfterGc();
        System.out.printf("retained by one snapshot: %.1f MB (%.2f x file size); version %s%n",
                (after - before) / 1e6, (after - before) / (double) Files.size(file), kept.version());
        long probe = System.nanoTime();
        int found = 0;
        for (int i = 0; i < 1000; i++) {
            found += kept.courseDetail("0", "0", Integer.toString(i % 5)).isPresent() ? 1 : 0;
        }
        System.out.printf("1000 course-detail lookups: %d ms (%d found)%n",
                (System.nanoTime() - probe) / 1_000_000, found);
    }

    private static CatalogSnapshot load(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return CatalogSnapshot.fromDocument(CatalogDocument.parse(bytes), bytes, CatalogSource.DATA,
                file.toString(), Files.getLastModifiedTime(file).toInstant(), Instant.now());
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
