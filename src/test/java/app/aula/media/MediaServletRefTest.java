package app.aula.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code MediaServlet.refOf} (api.md §1.1): {@code {ref}} is everything after the endpoint prefix,
 * percent-decoded as UTF-8 and not trimmed.
 */
class MediaServletRefTest {

    /** A Servlet API request that knows only its raw URI and context path. */
    private static HttpServletRequest request(String contextPath, String requestUri) {
        return (HttpServletRequest) Proxy.newProxyInstance(MediaServletRefTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getRequestURI":
                            return requestUri;
                        case "getContextPath":
                            return contextPath;
                        case "toString":
                            return "request " + contextPath + " " + requestUri;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static Optional<String> refOf(String contextPath, String requestUri) {
        return MediaServlet.refOf(request(contextPath, requestUri), MediaServlet.PREFIX);
    }

    @Test
    void thePrefixIsStripped() {
        assertEquals(Optional.of("1AbcdefGhij"), refOf("", "/drive/files/1AbcdefGhij"));
    }

    @Test
    void theContextPathIsStripped() {
        assertEquals(Optional.of("1AbcdefGhij"), refOf("/aula", "/aula/drive/files/1AbcdefGhij"));
    }

    @Test
    void aNestedContextPathIsStripped() {
        assertEquals(Optional.of("local:sql/01.mp4"), refOf("/apps/aula", "/apps/aula/drive/files/local:sql/01.mp4"));
    }

    @Test
    void slashesInsideTheRefAreKept() {
        assertEquals(Optional.of("local:sql/tema 1/01-consultas.mp4"),
                refOf("", "/drive/files/local:sql/tema%201/01-consultas.mp4"));
    }

    @Test
    void percent20IsDecodedToASpace() {
        assertEquals(Optional.of("local:clase 1.mp4"), refOf("", "/drive/files/local:clase%201.mp4"));
    }

    @Test
    void utf8PercentEscapesAreDecoded() {
        assertEquals(Optional.of("local:introducción.mp4"), refOf("", "/drive/files/local:introducci%C3%B3n.mp4"));
    }

    @Test
    void multiByteUtf8EscapesAreDecoded() {
        assertEquals(Optional.of("local:clase – 1.mp4"), refOf("", "/drive/files/local:clase%20%E2%80%93%201.mp4"));
    }

    @Test
    void aPlusStaysAPlus() {
        assertEquals(Optional.of("local:C++ básico.pdf"), refOf("", "/drive/files/local:C++%20b%C3%A1sico.pdf"));
    }

    @Test
    void anEncodedPlusIsAPlus() {
        assertEquals(Optional.of("local:a+b.pdf"), refOf("", "/drive/files/local:a%2Bb.pdf"));
    }

    @Test
    void anEncodedPercentIsAPercent() {
        assertEquals(Optional.of("local:100%.pdf"), refOf("", "/drive/files/local:100%25.pdf"));
    }

    @Test
    void theRefIsNotTrimmed() {
        assertEquals(Optional.of(" 1AbcdefGhij\n"), refOf("", "/drive/files/%201AbcdefGhij%0A"));
    }

    @Test
    void anEmptyRefAfterThePrefixIsEmptyText() {
        assertEquals(Optional.of(""), refOf("", "/drive/files/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/drive/files/local:a%zz.mp4", "/drive/files/%zz", "/drive/files/abc%", "/drive/files/abc%2",
        "/drive/files/%G0abcdefghij"})
    void aMalformedEscapeGivesNoRef(String uri) {
        assertEquals(Optional.empty(), refOf("", uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/drive/files", "/drive/file/1AbcdefGhij", "/api/repaired/1AbcdefGhij", "/1AbcdefGhij",
        "/Drive/Files/1AbcdefGhij", "/aula/drive/files/1AbcdefGhij"})
    void aPathOutsideThePrefixGivesNoRef(String uri) {
        assertEquals(Optional.empty(), refOf("", uri));
    }

    @Test
    void aPathOutsideThePrefixUnderTheContextPathGivesNoRef() {
        assertEquals(Optional.empty(), refOf("/aula", "/aula/api/courses"));
    }
}
