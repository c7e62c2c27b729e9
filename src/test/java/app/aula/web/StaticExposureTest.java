package app.aula.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** api.md §3.18: the extension allow-list, its MIME types and the segment deny rules. */
class StaticExposureTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "index.html       | text/html; charset=utf-8",
        "old.htm          | text/html; charset=utf-8",
        "app.js           | text/javascript; charset=utf-8",
        "mod.mjs          | text/javascript; charset=utf-8",
        "aula.css         | text/css; charset=utf-8",
        "app.js.map       | application/json; charset=utf-8",
        "logo.svg         | image/svg+xml",
        "a.png            | image/png",
        "a.jpg            | image/jpeg",
        "a.jpeg           | image/jpeg",
        "a.gif            | image/gif",
        "a.webp           | image/webp",
        "a.avif           | image/avif",
        "favicon.ico      | image/x-icon",
        "f.woff           | font/woff",
        "f.woff2          | font/woff2",
        "f.ttf            | font/ttf",
        "f.otf            | font/otf",
        "robots.txt       | text/plain; charset=utf-8",
        "m.wasm           | application/wasm",
        "site.webmanifest | application/manifest+json",
    })
    void everyAllowedExtensionHasItsMimeType(String name, String mime) {
        assertEquals(Optional.of(mime), StaticExposure.contentType(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"courses_cache.json", "progress.json", "repair_state.json", "service_account.json",
        "drive_scan_progress.json", "server.py", ".env", "prod.env", "poetry.lock", "README.md", "package.json",
        "Makefile", "index", "file.", "archive.tar.gz", "video.mp4", "app.jsx", "x.html.bak", "x.pyc", "web.xml",
        "key.pem", "a.sh"})
    void otherNamesHaveNoContentType(String name) {
        assertEquals(Optional.empty(), StaticExposure.contentType(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "/index.html", "js/app.js", "/js/views/home.js", "img/logo.svg", "",
        "/", "a/b/c/", "docs/v1.2/guide.html", "WEB-INF.html", "my.folder/x.css"})
    void ordinaryPathsAreAllowed(String path) {
        assertTrue(StaticExposure.segmentsAllowed(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {".env", "/.env", ".htaccess", "a/.git/config", ".well-known/x.txt", "a/.hidden.html",
        "..", "../x.html", "a/../x.html", "/a/../../x.html", ".", "./x.html", "a/./x.html", "..."})
    void dotSegmentsAndHiddenSegmentsAreRefused(String path) {
        assertFalse(StaticExposure.segmentsAllowed(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WEB-INF/web.xml", "/WEB-INF/viewer/index.html", "web-inf/x.html", "Web-Inf/x.html",
        "META-INF/MANIFEST.txt", "meta-inf/x.css", "repaired_videos/a.txt", "REPAIRED_VIDEOS/a.txt",
        "x/Repaired_Videos/a.txt", "__pycache__/m.txt", "a/__PYCACHE__/m.txt", "node_modules/p/i.js",
        "/Node_Modules/p/i.js", "a/b/WEB-INF/c.html"})
    void reservedSegmentsAreRefusedCaseInsensitively(String path) {
        assertFalse(StaticExposure.segmentsAllowed(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\b.html", "..\\x.html", "c:/x.html", "a/b:c.html", "x.html\0.txt"})
    void separatorsAndDriveOrStreamCharactersAreRefused(String path) {
        assertFalse(StaticExposure.segmentsAllowed(path));
    }

    @Test
    void isHtmlRecognisesHtmlAndHtmOnly() {
        assertTrue(StaticExposure.isHtml("index.html"));
        assertTrue(StaticExposure.isHtml("OLD.HTM"));
        assertFalse(StaticExposure.isHtml("logo.svg"));
        assertFalse(StaticExposure.isHtml("html"));
    }
}
