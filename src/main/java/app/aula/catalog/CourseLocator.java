package app.aula.catalog;

import static app.aula.catalog.JsonOut.elements;
import static app.aula.catalog.JsonOut.field;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Course-detail reference matching (catalog.md §6.1) over candidates computed once per snapshot:
 * trimmed, {@code Locale.ROOT}-lower-cased ids, names, slugs, URL slugs and public ids. The
 * search runs in document order over every matching category and route; the first full match
 * wins. Categories, routes and courses that are not objects keep their index but never match.
 */
public final class CourseLocator {

    /**
     * A resolved course: its indices, whether it is a course-route, and the {@code catId},
     * {@code routeId} (JSON text, since a stored id may be any JSON value) and {@code courseId}
     * of the api.md §3.5 body.
     */
    public record Match(int catIdx, int routeIdx, int courseIdx, boolean courseRoute,
            String catIdJson, String routeIdJson, String courseId) {}

    private record Category(int index, String[] keys, String idJson, List<Route> routes) {}

    private record Route(int index, String[] keys, String idJson, boolean courseRoute, List<Course> courses) {}

    private record Course(int index, String[] keys, String courseId) {}

    private final List<Category> categories;

    private CourseLocator(List<Category> categories) {
        this.categories = categories;
    }

    /** Precomputes the candidates of every category, route and course entry of the tree. */
    public static CourseLocator of(JsonNode root) {
        List<Category> categories = new ArrayList<>();
        int catIdx = -1;
        for (JsonNode category : elements(field(root, "categories"))) {
            catIdx++;
            if (category.isObject()) {
                categories.add(new Category(catIdx,
                        keys(category.get("id"), category.get("name"), Slugs.slug(category.get("name"))),
                        idJson(category.get("id"), catIdx), routes(category.get("routes"))));
            }
        }
        return new CourseLocator(List.copyOf(categories));
    }

    private static List<Route> routes(JsonNode routeArray) {
        List<Route> routes = new ArrayList<>();
        int routeIdx = -1;
        for (JsonNode route : elements(routeArray)) {
            routeIdx++;
            if (!route.isObject()) {
                continue;
            }
            boolean courseRoute = CatalogWalk.isCourseRoute(route);
            String[] keys = keys(route.get("id"), route.get("name"), Slugs.slug(route.get("name")),
                    Slugs.urlSlug(route.get("url")));
            List<Course> courses = new ArrayList<>();
            if (courseRoute) {
                courses.add(course(route, 0));
            } else {
                int courseIdx = -1;
                for (JsonNode course : elements(route.get("courses"))) {
                    courseIdx++;
                    if (course.isObject()) {
                        courses.add(course(course, courseIdx));
                    }
                }
            }
            routes.add(new Route(routeIdx, keys, idJson(route.get("id"), routeIdx), courseRoute,
                    List.copyOf(courses)));
        }
        return List.copyOf(routes);
    }

    private static Course course(JsonNode course, int courseIdx) {
        String publicId = Slugs.publicId(course);
        String[] keys = keys(course.get("id"), course.get("name"), Slugs.slug(course.get("name")),
                Slugs.urlSlug(course.get("url")), publicId);
        return new Course(courseIdx, keys, publicId.isEmpty() ? Integer.toString(courseIdx) : publicId);
    }

    /** The first course that all three refs match, in document order. */
    public Optional<Match> locate(String catRef, String routeRef, String courseRef) {
        String cat = normalize(catRef);
        String route = normalize(routeRef);
        String course = normalize(courseRef);
        for (Category category : categories) {
            if (!matches(cat, category.index(), category.keys())) {
                continue;
            }
            for (Route candidate : category.routes()) {
                if (!matches(route, candidate.index(), candidate.keys())) {
                    continue;
                }
                for (Course entry : candidate.courses()) {
                    if (matches(course, entry.index(), entry.keys())) {
                        return Optional.of(new Match(category.index(), candidate.index(), entry.index(),
                                candidate.courseRoute(), category.idJson(), candidate.idJson(),
                                entry.courseId()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    static String normalize(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean matches(String ref, int index, String[] keys) {
        if (ref.isEmpty()) {
            return false;
        }
        if (ref.equals(Integer.toString(index))) {
            return true;
        }
        for (String key : keys) {
            if (key.equals(ref)) {
                return true;
            }
        }
        return false;
    }

    /** Non-empty normalised string candidates; non-strings are ignored (§6.1). */
    private static String[] keys(Object... candidates) {
        Set<String> keys = new LinkedHashSet<>();
        for (Object candidate : candidates) {
            String text = candidate instanceof JsonNode node
                    ? (node.isTextual() ? node.textValue() : null)
                    : (String) candidate;
            if (text != null) {
                String normalized = normalize(text);
                if (!normalized.isEmpty()) {
                    keys.add(normalized);
                }
            }
        }
        return keys.toArray(String[]::new);
    }

    /** The stored id when it is truthy, otherwise the index as a string (api.md §3.5). */
    private static String idJson(JsonNode id, int index) {
        if (Truthiness.isTruthy(id)) {
            return new String(JsonOut.bytes(id), StandardCharsets.UTF_8);
        }
        return "\"" + index + "\"";
    }
}
