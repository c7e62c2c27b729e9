package app.aula.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * The four stats of catalog.md §3.4 after normalisation, plus a warning for each value that had to
 * be replaced by 0. Values are exact integers of any size, because stored integers are kept as
 * they are.
 */
public record NormalizedStats(BigInteger totalCategories, BigInteger totalRoutes,
        BigInteger totalCourses, BigInteger totalClasses, List<String> warnings) {

    public static final NormalizedStats ZERO = new NormalizedStats(
            BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, List.of());

    public NormalizedStats {
        warnings = List.copyOf(warnings);
    }

    /** Writes <code>{"totalCategories":…,"totalRoutes":…,"totalCourses":…,"totalClasses":…}</code>. */
    void write(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeFieldName("totalCategories");
        out.writeNumber(totalCategories);
        out.writeFieldName("totalRoutes");
        out.writeNumber(totalRoutes);
        out.writeFieldName("totalCourses");
        out.writeNumber(totalCourses);
        out.writeFieldName("totalClasses");
        out.writeNumber(totalClasses);
        out.writeEndObject();
    }
}
