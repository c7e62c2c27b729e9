package app.aula.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.aula.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DriveMetadataTest {

    private static String json(DriveMetadata metadata) {
        return new String(Json.bytes(metadata.toVideoMetadataJson()), StandardCharsets.UTF_8);
    }

    @Test
    void videoMetadataJsonHasDrivesFieldsWithNumbersAsStrings() {
        DriveMetadata metadata = new DriveMetadata("video0000001", "01 Intro.mp4", "video/mp4", 73_400_320L,
                "9e107d9d372bb6826bd81d3542a419d6", "rev-1", Instant.parse("2024-05-06T07:08:09.123Z"), 90_500L);

        assertEquals("{\"id\":\"video0000001\",\"name\":\"01 Intro.mp4\",\"mimeType\":\"video/mp4\","
                + "\"size\":\"73400320\",\"videoMediaMetadata\":{\"durationMillis\":\"90500\"},"
                + "\"md5Checksum\":\"9e107d9d372bb6826bd81d3542a419d6\",\"modifiedTime\":\"2024-05-06T07:08:09.123Z\"}",
                json(metadata));
    }

    @Test
    void fieldsDriveDidNotGiveAreLeftOutAndTimesKeepMilliseconds() {
        DriveMetadata metadata = new DriveMetadata("document0001", "Notes", "application/vnd.google-apps.document",
                null, null, null, Instant.parse("2024-05-06T07:08:09Z"), null);

        assertEquals("{\"id\":\"document0001\",\"name\":\"Notes\",\"mimeType\":\"application/vnd.google-apps.document\","
                + "\"modifiedTime\":\"2024-05-06T07:08:09.000Z\"}", json(metadata));
    }

    @Test
    void onlyGoogleAppsTypesAreGoogleNative() {
        assertTrue(of("application/vnd.google-apps.document").isGoogleNative());
        assertTrue(of("application/vnd.google-apps.spreadsheet").isGoogleNative());
        assertFalse(of("video/mp4").isGoogleNative());
        assertFalse(of("application/vnd.openxmlformats-officedocument.wordprocessingml.document").isGoogleNative());
        assertFalse(of(null).isGoogleNative());
    }

    private static DriveMetadata of(String mimeType) {
        return new DriveMetadata("file00000001", "f", mimeType, null, null, null, null, null);
    }
}
