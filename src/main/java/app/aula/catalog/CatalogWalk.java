package app.aula.catalog;

import static app.aula.catalog.JsonOut.elements;
import static app.aula.catalog.JsonOut.field;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one definition of "a course entry" and "a class" shared by matching, the self-check and the
 * class count: category › route › course (a route with a truthy {@code isCourse} is one course at
 * index 0) › module › class. Elements that are not objects keep their index but are not visited,
 * because nothing can be read from them.
 */
final class CatalogWalk {

    private CatalogWalk() {}

    @FunctionalInterface
    interface CourseVisitor {
        void course(int catIdx, int routeIdx, int courseIdx, boolean courseRoute, JsonNode course);
    }

    @FunctionalInterface
    interface ClassVisitor {
        void lesson(int catIdx, int routeIdx, int courseIdx, int moduleIdx, int classIdx, JsonNode lesson);
    }

    static void forEachCourse(JsonNode root, CourseVisitor visitor) {
        int catIdx = -1;
        for (JsonNode category : elements(field(root, "categories"))) {
            catIdx++;
            if (!category.isObject()) {
                continue;
            }
            int routeIdx = -1;
            for (JsonNode route : elements(category.get("routes"))) {
                routeIdx++;
                if (!route.isObject()) {
                    continue;
                }
                if (isCourseRoute(route)) {
                    visitor.course(catIdx, routeIdx, 0, true, route);
                    continue;
                }
                int courseIdx = -1;
                for (JsonNode course : elements(route.get("courses"))) {
                    courseIdx++;
                    if (course.isObject()) {
                        visitor.course(catIdx, routeIdx, courseIdx, false, course);
                    }
                }
            }
        }
    }

    static void forEachClass(JsonNode root, ClassVisitor visitor) {
        forEachCourse(root, (catIdx, routeIdx, courseIdx, courseRoute, course) -> {
            int moduleIdx = -1;
            for (JsonNode module : elements(course.get("modules"))) {
                moduleIdx++;
                int classIdx = -1;
                for (JsonNode lesson : elements(field(module, "classes"))) {
                    classIdx++;
                    if (lesson.isObject()) {
                        visitor.lesson(catIdx, routeIdx, courseIdx, moduleIdx, classIdx, lesson);
                    }
                }
            }
        });
    }

    static boolean isCourseRoute(JsonNode route) {
        return Truthiness.isTruthy(field(route, "isCourse"));
    }

    /** Class objects actually present, counted once per course entry (duplicates included). */
    static int countClasses(JsonNode root) {
        int[] count = {0};
        forEachClass(root, (c, r, k, m, n, lesson) -> count[0]++);
        return count[0];
    }
}
