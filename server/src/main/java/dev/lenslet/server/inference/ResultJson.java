package dev.lenslet.server.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lenslet.core.Prediction;
import java.io.PrintWriter;

/**
 * Machine output: one JSON object per line on stdout, failures included (with an "error" field), so a consumer
 * reads a single stream in input order.
 */
public final class ResultJson implements OutcomePrinter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PrintWriter out;

    public ResultJson(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void print(Outcome outcome) {
        out.println(toJson(outcome));
        out.flush();
    }

    /** The JSON object for one outcome; the HTTP API answers with the same object. */
    public static ObjectNode toJson(Outcome outcome) {
        ObjectNode line = MAPPER.createObjectNode().put("file", outcome.file());
        if (outcome instanceof Outcome.Explained explained) {
            line = toJson(explained.classified());
            line.set("saliency", toJson(explained.saliency()));
        } else if (outcome instanceof Outcome.Embedded embedded) {
            line.put("width", embedded.width()).put("height", embedded.height());
            ArrayNode values = line.putArray("embedding");
            for (float v : embedded.embedding()) {
                values.add(v);
            }
        } else if (outcome instanceof Outcome.Classified classified) {
            line.put("width", classified.width()).put("height", classified.height());
            ArrayNode top = line.putArray("top");
            for (Prediction prediction : classified.top()) {
                top.addObject()
                        .put("index", prediction.index())
                        .put("label", prediction.label())
                        .put("score", prediction.probability());
            }
            line.put("ms", classified.millis());
        } else if (outcome instanceof Outcome.Failed failed) {
            line.put("error", failed.error());
        }
        return line;
    }

    /**
     * {@code {"class": i, "map": [[...], ...], "region": {"left", "top", "width", "height"}, "description": "..."}}:
     * the map's rows top to bottom, each cell 0..1, covering the region (image pixels) the network saw.
     */
    private static ObjectNode toJson(Saliency saliency) {
        ObjectNode json = MAPPER.createObjectNode().put("class", saliency.classIndex());
        ArrayNode rows = json.putArray("map");
        for (int y = 0; y < saliency.height(); y++) {
            ArrayNode row = rows.addArray();
            for (int x = 0; x < saliency.width(); x++) {
                row.add(saliency.at(x, y));
            }
        }
        json.putObject("region")
                .put("left", saliency.region().left)
                .put("top", saliency.region().top)
                .put("width", saliency.region().width)
                .put("height", saliency.region().height);
        return json.put("description", saliency.description());
    }
}
