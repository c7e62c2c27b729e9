package app.aula.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyframeProbeTest {

    private static final BigDecimal START = new BigDecimal("2.3");

    @Test
    void theFirstLineIsTheKeyframeTime() {
        assertEquals(Optional.of(new BigDecimal("2.000000")), KeyframeProbe.parseKeyframe("2.000000\n", START));
        assertEquals(Optional.of(new BigDecimal("2.3")), KeyframeProbe.parseKeyframe("2.3,\n4.0\n", START));
    }

    @Test
    void aKeyframeAfterTheStartOrNonsenseIsNoAnswer() {
        assertEquals(Optional.empty(), KeyframeProbe.parseKeyframe("4.000000\n", START));
        assertEquals(Optional.empty(), KeyframeProbe.parseKeyframe("N/A\n", START));
        assertEquals(Optional.empty(), KeyframeProbe.parseKeyframe("", START));
        assertEquals(Optional.empty(), KeyframeProbe.parseKeyframe("-0.5", START));
    }
}
