package app.aula.catalog;

import java.util.Arrays;

/**
 * Where each course entry sits inside the {@code /api/courses} body, in document order. Course
 * detail answers with those bytes, so the snapshot keeps one serialisation of the catalogue
 * instead of a tree plus per-course copies (catalog.md §2.8 memory budget).
 */
final class CourseSlices {

    private int size;
    private int[] catIdx = new int[64];
    private int[] routeIdx = new int[64];
    private int[] courseIdx = new int[64];
    private int[] start = new int[64];
    private int[] end = new int[64];

    /** Appends an entry; entries arrive in document order, so the keys are sorted. */
    void add(int cat, int route, int course, int from, int to) {
        if (size == start.length) {
            int capacity = size * 2;
            catIdx = Arrays.copyOf(catIdx, capacity);
            routeIdx = Arrays.copyOf(routeIdx, capacity);
            courseIdx = Arrays.copyOf(courseIdx, capacity);
            start = Arrays.copyOf(start, capacity);
            end = Arrays.copyOf(end, capacity);
        }
        catIdx[size] = cat;
        routeIdx[size] = route;
        courseIdx[size] = course;
        start[size] = from;
        end[size] = to;
        size++;
    }

    /** The array separator written before a non-first element is not part of the entry. */
    CourseSlices trimSeparators(byte[] body) {
        for (int i = 0; i < size; i++) {
            if (body[start[i]] == ',') {
                start[i]++;
            }
        }
        catIdx = Arrays.copyOf(catIdx, size);
        routeIdx = Arrays.copyOf(routeIdx, size);
        courseIdx = Arrays.copyOf(courseIdx, size);
        start = Arrays.copyOf(start, size);
        end = Arrays.copyOf(end, size);
        return this;
    }

    int size() {
        return size;
    }

    /** The position of the entry with these indices, or -1. */
    int find(int cat, int route, int course) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = compare(mid, cat, route, course);
            if (order == 0) {
                return mid;
            }
            if (order < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    int start(int entry) {
        return start[entry];
    }

    int end(int entry) {
        return end[entry];
    }

    private int compare(int entry, int cat, int route, int course) {
        int order = Integer.compare(catIdx[entry], cat);
        if (order == 0) {
            order = Integer.compare(routeIdx[entry], route);
        }
        return order != 0 ? order : Integer.compare(courseIdx[entry], course);
    }
}
