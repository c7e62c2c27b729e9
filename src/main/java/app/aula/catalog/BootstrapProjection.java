package app.aula.catalog;

import static app.aula.catalog.JsonOut.elements;
import static app.aula.catalog.JsonOut.field;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The bootstrap projection of catalog.md §3: a light copy of the tree where class lists become
 * counts and refs are dropped. Any shape is accepted: a missing key takes its default, a present
 * key (even {@code null}) keeps its stored value, and elements that are not objects project as
 * if they were empty objects, so positions stay aligned with {@code /api/courses}.
 */
public final class BootstrapProjection {

    private BootstrapProjection() {}

    /** The compact bootstrap body of a parsed catalogue. */
    public static byte[] project(JsonNode root) {
        return project(root, StatsNormalizer.normalize(field(root, "stats")));
    }

    /** The same, with stats already normalised by the caller. */
    static byte[] project(JsonNode root, NormalizedStats stats) {
        return JsonOut.bytes(out -> {
            out.writeStartObject();
            out.writeArrayFieldStart("categories");
            for (JsonNode category : elements(field(root, "categories"))) {
                writeCategory(out, category);
            }
            out.writeEndArray();
            out.writeFieldName("stats");
            stats.write(out);
            out.writeEndObject();
        });
    }

    private static void writeCategory(JsonGenerator out, JsonNode category) throws IOException {
        out.writeStartObject();
        copyOrEmpty(out, category, "id");
        copyOrEmpty(out, category, "name");
        copyOrEmpty(out, category, "icon");
        copyOrEmpty(out, category, "description");
        copyOrEmpty(out, category, "type");
        out.writeArrayFieldStart("routes");
        for (JsonNode route : elements(field(category, "routes"))) {
            writeRoute(out, route);
        }
        out.writeEndArray();
        JsonNode courseCount = field(category, "courseCount");
        if (courseCount != null) {
            out.writeFieldName("courseCount");
            JsonOut.tree(out, courseCount);
        }
        out.writeEndObject();
    }

    private static void writeRoute(JsonGenerator out, JsonNode route) throws IOException {
        out.writeStartObject();
        copyOrEmpty(out, route, "id");
        copyOrEmpty(out, route, "name");
        copyOrEmpty(out, route, "url");
        boolean courseRoute = CatalogWalk.isCourseRoute(route);
        out.writeBooleanField("isCourse", courseRoute);
        if (courseRoute) {
            // id, name and url are already written and keep their position (§3.1).
            writeCourseRouteFields(out, route);
        } else {
            JsonNode courses = field(route, "courses");
            out.writeArrayFieldStart("courses");
            int count = 0;
            for (JsonNode course : elements(courses)) {
                writeCourse(out, course);
                count++;
            }
            out.writeEndArray();
            out.writeFieldName("courseCount");
            JsonNode storedCount = field(route, "courseCount");
            if (storedCount != null) {
                JsonOut.tree(out, storedCount);
            } else {
                out.writeNumber(count);
            }
        }
        out.writeEndObject();
    }

    private static void writeCourse(JsonGenerator out, JsonNode course) throws IOException {
        out.writeStartObject();
        copyOrEmpty(out, course, "name");
        copyOrEmpty(out, course, "folderName");
        copyOrEmpty(out, course, "url");
        copyOrEmpty(out, course, "id");
        writeCourseTail(out, course);
        out.writeEndObject();
    }

    /** A course-route: §3.2 fields merged after the route's own keys, in §3.2 order. */
    private static void writeCourseRouteFields(JsonGenerator out, JsonNode route)
            throws IOException {
        copyOrEmpty(out, route, "folderName");
        writeCourseTail(out, route);
    }

    /** The §3.2 fields from {@code publicId} on. */
    private static void writeCourseTail(JsonGenerator out, JsonNode course) throws IOException {
        out.writeStringField("publicId", Slugs.publicId(course));
        JsonNode modules = field(course, "modules");
        int moduleTotal = 0;
        BigInteger classTotal = BigInteger.ZERO;
        for (JsonNode module : elements(modules)) {
            moduleTotal++;
            classTotal = classTotal.add(moduleClassCount(module));
        }
        out.writeFieldName("moduleCount");
        JsonNode storedModules = field(course, "moduleCount");
        if (storedModules != null && storedModules.isIntegralNumber()) {
            JsonOut.tree(out, storedModules);
        } else {
            out.writeNumber(moduleTotal);
        }
        out.writeFieldName("classCount");
        JsonNode storedClasses = field(course, "classCount");
        if (storedClasses != null && storedClasses.isIntegralNumber()) {
            JsonOut.tree(out, storedClasses);
        } else {
            out.writeNumber(classTotal);
        }
        copyOr(out, course, "foundInDrive", Default.TRUE);
        copyOr(out, course, "matchType", Default.NULL);
        copyOr(out, course, "matchedFolder", Default.NULL);
        copyOr(out, course, "hasPresentation", Default.FALSE);
        copyOrEmpty(out, course, "presentationId");
        out.writeArrayFieldStart("modules");
        int position = 0;
        for (JsonNode module : elements(modules)) {
            position++;
            writeModule(out, module, position);
        }
        out.writeEndArray();
    }

    private static void writeModule(JsonGenerator out, JsonNode module, int position)
            throws IOException {
        BigInteger count = moduleClassCount(module);
        out.writeStartObject();
        out.writeFieldName("name");
        JsonNode name = field(module, "name");
        if (name == null || name.isNull() || (name.isTextual() && name.textValue().isEmpty())) {
            out.writeString("Módulo " + position);
        } else {
            JsonOut.tree(out, name);
        }
        out.writeFieldName("classCount");
        out.writeNumber(count);
        out.writeFieldName("classes");
        out.writeNumber(count);
        out.writeEndObject();
    }

    /** The length of {@code classes}, or max(0, value) when it is already an integer, else 0. */
    static BigInteger moduleClassCount(JsonNode module) {
        JsonNode classes = field(module, "classes");
        if (classes == null) {
            return BigInteger.ZERO;
        }
        if (classes.isArray()) {
            return BigInteger.valueOf(classes.size());
        }
        if (classes.isIntegralNumber()) {
            return classes.bigIntegerValue().max(BigInteger.ZERO);
        }
        return BigInteger.ZERO;
    }

    private static void copyOrEmpty(JsonGenerator out, JsonNode node, String key) throws IOException {
        copyOr(out, node, key, Default.EMPTY_STRING);
    }

    private enum Default { EMPTY_STRING, NULL, TRUE, FALSE }

    private static void copyOr(JsonGenerator out, JsonNode node, String key, Default fallback)
            throws IOException {
        out.writeFieldName(key);
        JsonNode stored = field(node, key);
        if (stored != null) {
            JsonOut.tree(out, stored);
            return;
        }
        switch (fallback) {
            case EMPTY_STRING -> out.writeString("");
            case NULL -> out.writeNull();
            case TRUE -> out.writeBoolean(true);
            case FALSE -> out.writeBoolean(false);
        }
    }
}
