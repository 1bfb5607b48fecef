package dev.lenslet.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes JSON bodies: the API's answers and every error, as {@code {"error": "what is wrong and what to do"}}. */
final class JsonResponses {
    static final String CONTENT_TYPE = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonResponses() {
    }

    static void send(Response response, Callback callback, int status, Object body) {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    static void sendError(Response response, Callback callback, int status, String message) {
        send(response, callback, status, Map.of("error", message));
    }
}
