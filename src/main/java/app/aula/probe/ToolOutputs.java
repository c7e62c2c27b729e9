package app.aula.probe;

import app.aula.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link StreamFacts} from what the tools print: ffprobe's JSON
 * ({@code -print_format json -show_format -show_streams}), or the input summary that
 * {@code ffmpeg -i} writes to stderr, which has no size and may miss streams past its 4 KiB tail.
 */
final class ToolOutputs {

    private static final Pattern INPUT = Pattern.compile("Input #0, (.+?), from '");
    private static final Pattern DURATION = Pattern.compile("Duration:\\s*(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");
    private static final Pattern START = Pattern.compile("start:\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern STREAM = Pattern.compile("Stream #0:(\\d+)[^:]*: (Video|Audio): ([A-Za-z0-9_]+)([^\\n]*)");

    private ToolOutputs() {}

    /**
     * ffprobe's JSON. A missing {@code start_time} (ffprobe leaves out fields that are N/A) on the
     * format or on an audio/video stream means missing timestamps.
     */
    static StreamFacts fromFfprobeJson(byte[] json) throws ProbeFailedException {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ProbeFailedException("unreadable ffprobe output");
        }
        JsonNode format = root.path("format");
        if (!format.isObject()) {
            throw new ProbeFailedException("ffprobe reported no format");
        }
        String video = null;
        List<String> audio = new ArrayList<>();
        boolean timestamps = number(format.path("start_time")) != null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText("");
            boolean coverArt = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (!type.equals("video") && !type.equals("audio") || coverArt) {
                continue;
            }
            String codec = stream.path("codec_name").asText("unknown");
            if (type.equals("video") && video == null) {
                video = codec;
            } else if (type.equals("audio")) {
                audio.add(codec);
            }
            timestamps &= number(stream.path("start_time")) != null;
        }
        Double size = number(format.path("size"));
        return new StreamFacts(format.path("format_name").asText(null), video, audio,
                positive(number(format.path("duration"))), timestamps, size == null ? null : size.longValue(),
                "ffprobe");
    }

    /** The input summary of {@code ffmpeg -hide_banner -i <input>} (which exits 1: no output given). */
    static StreamFacts fromFfmpegStderr(String stderr) throws ProbeFailedException {
        Matcher input = INPUT.matcher(stderr);
        if (!input.find()) {
            throw new ProbeFailedException("ffmpeg printed no input summary");
        }
        Double duration = null;
        Matcher d = DURATION.matcher(stderr);
        if (d.find()) {
            duration = positive(Long.parseLong(d.group(1)) * 3600.0 + Integer.parseInt(d.group(2)) * 60.0
                    + Double.parseDouble(d.group(3)));
        }
        String video = null;
        List<String> audio = new ArrayList<>();
        Set<String> seen = new HashSet<>(); // the head and the tail of stderr may both hold a stream line
        Matcher stream = STREAM.matcher(stderr);
        while (stream.find()) {
            if (!seen.add(stream.group(1)) || stream.group(4).contains("(attached pic)")) {
                continue;
            }
            if (stream.group(2).equals("Video") && video == null) {
                video = stream.group(3);
            } else if (stream.group(2).equals("Audio")) {
                audio.add(stream.group(3));
            }
        }
        return new StreamFacts(input.group(1), video, audio, duration, START.matcher(stderr).find(), null, "ffmpeg");
    }

    private static Double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (!node.isTextual()) {
            return null;
        }
        try {
            double value = Double.parseDouble(node.asText());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double positive(Double value) {
        return value != null && value > 0 ? value : null;
    }
}
