package app.aula.catalog;

/**
 * A resolved course-detail answer: the indices it resolved to and the identity bytes of the
 * api.md §3.5 200 body ({@code catId, routeId, courseId, indices, course, isCourseRoute}). The
 * array is not copied: callers write it out and must not modify it.
 */
public record CourseDetail(int catIdx, int routeIdx, int courseIdx, byte[] body) {

    /** The ETag value without quotes: {@code <v>-<catIdx>.<routeIdx>.<courseIdx>} (api.md §1.8). */
    public String etagBase(String version) {
        return version + "-" + catIdx + "." + routeIdx + "." + courseIdx;
    }
}
