package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void slugExamplesOfTheSpec() {
        assertEquals("ciencia-de-datos", Slugs.slug("Ciencia de Datos"));
        assertEquals("diseno-y-ux", Slugs.slug("Diseño y UX"));
        assertEquals("ingles-basico-a1", Slugs.slug("Inglés Básico A1"));
        assertEquals("c-net", Slugs.slug("C# & .NET"));
    }

    @Test
    void slugDropsEmojiAndNonLatinWithoutDashesAndTrimsDashes() {
        assertEquals("datos", Slugs.slug("📊 Datos 📊"));
        assertEquals("ab", Slugs.slug("a日本b"));
        assertEquals("", Slugs.slug("¿¡!?"));
        assertEquals("x2-fi", Slugs.slug("--x² ﬁ--")); // NFKD turns ² into 2 and ﬁ into fi
    }

    @Test
    void slugOfNonStringNodesIsEmpty() {
        assertEquals("", Slugs.slug(IntNode.valueOf(5)));
        assertEquals("", Slugs.slug((JsonNode) null));
        assertEquals("curso-de-sql", Slugs.slug(TextNode.valueOf("Curso de SQL")));
    }

    @Test
    void urlSlugIsTheLastNonEmptyPathSegmentNotDecoded() {
        assertEquals("pandas", Slugs.urlSlug("https://example.org/cursos/pandas/"));
        assertEquals("pandas", Slugs.urlSlug("https://example.org/cursos/pandas"));
        assertEquals("pandas", Slugs.urlSlug("https://example.org/cursos/pandas//?utm=1#top"));
        assertEquals("caf%C3%A9", Slugs.urlSlug("https://example.org/cursos/caf%C3%A9/"));
        assertEquals("pandas", Slugs.urlSlug("  https://example.org/cursos/pandas/  "));
    }

    @Test
    void urlSlugWithoutSchemeReadsAPath() {
        assertEquals("pandas", Slugs.urlSlug("/cursos/pandas/"));
        assertEquals("pandas", Slugs.urlSlug("cursos/pandas"));
        assertEquals("pandas", Slugs.urlSlug("pandas"));
    }

    @Test
    void urlSlugWithoutSegmentsOrOfNonStringsIsEmpty() {
        assertEquals("", Slugs.urlSlug("https://example.org"));
        assertEquals("", Slugs.urlSlug("https://example.org/"));
        assertEquals("", Slugs.urlSlug("https://example.org/?cursos/pandas"));
        assertEquals("", Slugs.urlSlug("///"));
        assertEquals("", Slugs.urlSlug(""));
        assertEquals("", Slugs.urlSlug((String) null));
        assertEquals("", Slugs.urlSlug(IntNode.valueOf(3)));
        assertEquals("", Slugs.urlSlug(NullNode.getInstance()));
    }

    @Test
    void publicIdPrefersUrlSlugThenTrimmedIdThenNameSlug() throws Exception {
        assertEquals("pandas", Slugs.publicId(Json.mapper().readTree(
                "{\"url\":\"https://example.org/cursos/pandas/\",\"id\":\"1PandasFolder0001\",\"name\":\"Curso\"}")));
        assertEquals("1PandasFolder0001", Slugs.publicId(Json.mapper().readTree(
                "{\"url\":\"https://example.org/\",\"id\":\"  1PandasFolder0001 \",\"name\":\"Curso\"}")));
        assertEquals("curso-de-pandas", Slugs.publicId(Json.mapper().readTree(
                "{\"url\":7,\"id\":\"  \",\"name\":\"Curso de Pandas\"}")));
        assertEquals("curso-de-pandas", Slugs.publicId(Json.mapper().readTree(
                "{\"id\":42,\"name\":\"Curso de Pandas\"}")));
        assertEquals("", Slugs.publicId(Json.mapper().readTree("{\"name\":[\"x\"]}")));
        assertEquals("", Slugs.publicId(Json.mapper().readTree("\"https://example.org/cursos/pandas/\"")));
    }
}
