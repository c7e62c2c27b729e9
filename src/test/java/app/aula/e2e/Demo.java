package app.aula.e2e;

/**
 * The bundled demo library (src/main/webapp/WEB-INF/aula-demo/courses_cache.json): one
 * category "Oficios del Cielo" (0) with the route of courses "Ruta de Nubicultura Doméstica"
 * (0/0: the available course "Curso de Fundamentos de Nubicultura" 0/0/0 with 2 modules × 2
 * classes, and the unavailable "Curso de Tormentas de Bolsillo" 0/0/1) and the course-route
 * "Taller de Tejido de Niebla" (0/1: 1 module, 2 classes). Stats: 1 category, 2 routes,
 * 3 courses, 6 classes.
 */
final class Demo {

    static final String CATEGORY = "Oficios del Cielo";
    static final String ROUTE = "Ruta de Nubicultura Doméstica";
    static final String COURSE = "Curso de Fundamentos de Nubicultura";
    static final String COURSE_ID = "fundamentos-nubicultura";
    static final String UNAVAILABLE = "Curso de Tormentas de Bolsillo";
    static final String COURSE_ROUTE = "Taller de Tejido de Niebla";
    static final String COURSE_ROUTE_ID = "tejido-de-niebla";

    /** Fundamentos 0/0/0, module 0 class 0: 20 s video, summary, subtitles, pdf + png resources. */
    static final String V1 = "local:fundamentos/01-bienvenida.mp4";
    static final String V1_TITLE = "Bienvenida al vivero de nubes";
    /** Module 0 class 1: 100 s video, reading (accents), subtitles, csv resource. */
    static final String V2 = "local:fundamentos/02-anatomia-de-un-cumulo.mp4";
    static final String V2_TITLE = "Anatomía de un cúmulo doméstico";
    /** Module 1 class 0: HTML lesson only (script; checks its storage isolation), zip resource. */
    static final String HTML3 = "local:fundamentos/03-laboratorio-densidad.html";
    static final String HTML3_TITLE = "Laboratorio: mide la densidad de tu nube";
    /** Module 1 class 1: 16 s video with videoPlayback "compat", summary. */
    static final String V4 = "local:fundamentos/04-riego-con-rocio.mp4";
    static final String V4_TITLE = "Riego con rocío de madrugada";
    /** Course-route 0/1, class 0: 14 s video with summary and a pdf. */
    static final String N1 = "local:niebla/01-preparar-el-telar.mp4";
    static final String N1_TITLE = "Preparar el telar y la lanzadera";
    /** Course-route class 1: 18 s video with subtitles. */
    static final String N2 = "local:niebla/02-primer-panuelo.mp4";
    static final String N2_TITLE = "Tu primer pañuelo de bruma";

    static final String EMPTY_BOOTSTRAP =
            "{\"categories\":[],\"stats\":{\"totalCategories\":0,\"totalRoutes\":0,\"totalCourses\":0,\"totalClasses\":0}}";

    private Demo() {
    }
}
