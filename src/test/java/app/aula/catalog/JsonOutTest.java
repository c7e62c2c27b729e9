package app.aula.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonOutTest {

    @Test
    void charactersOutsideTheBmpAreWrittenAsFourByteUtf8InKeysAndValues() {
        String json = "{\"📊 key\":\"📊 Datos ñ\",\"categories\":[]}";
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(utf8, JsonOut.bytes(Samples.parse(utf8)));
    }

    @Test
    void controlCharactersQuotesAndBackslashesAreEscapedAndSlashesAreNot() {
        String json = "{\"categories\":[],\"t\":\"a\\n\\t\\u0001\\\"\\\\/</\"}";
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), JsonOut.bytes(Samples.parse(json)));
    }
}
