package app.aula.probe;

import app.aula.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One probe's answer, as the endpoint sends it and the cache stores it.
 *
 * @param sizeBytes the file's size, or null when neither the file nor the tool gave one
 * @param reasons why compat is needed (see {@link CompatRules#reasons}); empty means direct playback
 */
public record ProbeReport(String ref, StreamFacts facts, MoovPosition moov, Long sizeBytes, List<String> reasons,
        Instant probedAt) {

    public ProbeReport {
        reasons = List.copyOf(reasons);
        probedAt = probedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public boolean needsCompat() {
        return !reasons.isEmpty();
    }

    /**
     * {@code {"ref","container","video":{"codec"}|null,"audio":[{"codec"}],"durationSec","moov",
     * "hasTimestamps","sizeBytes","needsCompat","reasons","probedAt","tool"}}.
     */
    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("ref", ref).put("container", facts.container());
        if (facts.videoCodec() == null) {
            json.putNull("video");
        } else {
            json.putObject("video").put("codec", facts.videoCodec());
        }
        ArrayNode audio = json.putArray("audio");
        facts.audioCodecs().forEach(codec -> audio.addObject().put("codec", codec));
        json.put("durationSec", facts.durationSec());
        json.put("moov", moov.json());
        json.put("hasTimestamps", facts.hasTimestamps());
        json.put("sizeBytes", sizeBytes);
        json.put("needsCompat", needsCompat());
        ArrayNode reasonArray = json.putArray("reasons");
        reasons.forEach(reasonArray::add);
        json.put("probedAt", DateTimeFormatter.ISO_INSTANT.format(probedAt));
        json.put("tool", facts.tool());
        return json;
    }

    /** The inverse of {@link #toJson()}, for the cache file. */
    static ProbeReport fromJson(JsonNode json) {
        List<String> audio = new ArrayList<>();
        json.path("audio").forEach(stream -> audio.add(stream.path("codec").asText()));
        List<String> reasons = new ArrayList<>();
        json.path("reasons").forEach(reason -> reasons.add(reason.asText()));
        JsonNode video = json.path("video");
        StreamFacts facts = new StreamFacts(json.path("container").asText(null),
                video.isObject() ? video.path("codec").asText(null) : null, audio,
                json.path("durationSec").isNumber() ? json.path("durationSec").asDouble() : null,
                json.path("hasTimestamps").asBoolean(true),
                json.path("sizeBytes").isNumber() ? json.path("sizeBytes").asLong() : null,
                json.path("tool").asText("ffprobe"));
        return new ProbeReport(json.path("ref").asText(), facts, MoovPosition.fromJson(json.path("moov").asText()),
                facts.sizeBytes() == null ? null : json.path("sizeBytes").asLong(), reasons,
                Instant.parse(json.path("probedAt").asText()));
    }
}
