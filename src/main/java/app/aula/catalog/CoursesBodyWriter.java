package app.aula.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Writes the {@code /api/courses} body: the whole stored tree, compact, in file order, unknown
 * fields and stored stats included.
 * On the way it notes where each course entry (as {@link CatalogWalk} defines them) starts and
 * ends, so course detail can serve those bytes later without the tree.
 */
final class CoursesBodyWriter {

    /** The body and where its course entries are. */
    record Written(byte[] body, CourseSlices slices) {}

    private final ByteArrayOutputStream buffer;
    private final CourseSlices slices = new CourseSlices();
    private JsonGenerator out;

    private CoursesBodyWriter(int sizeHint) {
        this.buffer = new ByteArrayOutputStream(Math.max(256, sizeHint));
    }

    static Written write(JsonNode root, int sizeHint) {
        CoursesBodyWriter writer = new CoursesBodyWriter(sizeHint);
        JsonOut.write(writer.buffer, generator -> {
            writer.out = generator;
            writer.writeRoot(root);
        });
        byte[] body = writer.buffer.toByteArray();
        return new Written(body, writer.slices.trimSeparators(body));
    }

    private void writeRoot(JsonNode root) throws IOException {
        if (!root.isObject()) {
            JsonOut.tree(out, root);
            return;
        }
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            out.writeFieldName(field.getKey());
            if (field.getKey().equals("categories") && field.getValue().isArray()) {
                writeCategories(field.getValue());
            } else {
                JsonOut.tree(out, field.getValue());
            }
        }
        out.writeEndObject();
    }

    private void writeCategories(JsonNode categories) throws IOException {
        out.writeStartArray();
        int catIdx = 0;
        for (JsonNode category : categories) {
            if (category.isObject()) {
                writeCategory(category, catIdx);
            } else {
                JsonOut.tree(out, category);
            }
            catIdx++;
        }
        out.writeEndArray();
    }

    private void writeCategory(JsonNode category, int catIdx) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : category.properties()) {
            out.writeFieldName(field.getKey());
            if (field.getKey().equals("routes") && field.getValue().isArray()) {
                writeRoutes(field.getValue(), catIdx);
            } else {
                JsonOut.tree(out, field.getValue());
            }
        }
        out.writeEndObject();
    }

    private void writeRoutes(JsonNode routes, int catIdx) throws IOException {
        out.writeStartArray();
        int routeIdx = 0;
        for (JsonNode route : routes) {
            if (!route.isObject()) {
                JsonOut.tree(out, route);
            } else if (CatalogWalk.isCourseRoute(route)) {
                writeEntry(route, catIdx, routeIdx, 0);
            } else {
                writeRoute(route, catIdx, routeIdx);
            }
            routeIdx++;
        }
        out.writeEndArray();
    }

    private void writeRoute(JsonNode route, int catIdx, int routeIdx) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : route.properties()) {
            out.writeFieldName(field.getKey());
            if (field.getKey().equals("courses") && field.getValue().isArray()) {
                writeCourses(field.getValue(), catIdx, routeIdx);
            } else {
                JsonOut.tree(out, field.getValue());
            }
        }
        out.writeEndObject();
    }

    private void writeCourses(JsonNode courses, int catIdx, int routeIdx) throws IOException {
        out.writeStartArray();
        int courseIdx = 0;
        for (JsonNode course : courses) {
            if (course.isObject()) {
                writeEntry(course, catIdx, routeIdx, courseIdx);
            } else {
                JsonOut.tree(out, course);
            }
            courseIdx++;
        }
        out.writeEndArray();
    }

    /** Flushing makes the buffer's size the exact offset; a leading comma is trimmed later. */
    private void writeEntry(JsonNode course, int catIdx, int routeIdx, int courseIdx) throws IOException {
        out.flush();
        int start = buffer.size();
        JsonOut.tree(out, course);
        out.flush();
        slices.add(catIdx, routeIdx, courseIdx, start, buffer.size());
    }
}
