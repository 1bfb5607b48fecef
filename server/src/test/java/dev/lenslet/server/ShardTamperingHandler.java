package dev.lenslet.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Plays a network that damages data: wraps the server's handler (given with {@link #setHandler}) and flips one
 * bit in the body of the responses to one path, keeping their length, so that only a content hash can tell.
 */
final class ShardTamperingHandler extends Handler.Wrapper {
    private volatile String damagedPath;

    /** From now on, responses to {@code path} arrive damaged. */
    void damage(String path) {
        damagedPath = path;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!Request.getPathInContext(request).equals(damagedPath)) {
            return super.handle(request, response, callback);
        }
        return super.handle(request, new Response.Wrapper(request, response) {
            private boolean damaged;

            @Override
            public void write(boolean last, ByteBuffer content, Callback writeCallback) {
                if (damaged || content == null || !content.hasRemaining()) {
                    super.write(last, content, writeCallback);
                    return;
                }
                damaged = true;
                // A copy: the server's buffer wraps the shard it keeps for every other request.
                ByteBuffer copy = ByteBuffer.allocate(content.remaining()).put(content.duplicate()).flip();
                int middle = copy.limit() / 2;
                copy.put(middle, (byte) (copy.get(middle) ^ 1));
                super.write(last, copy, writeCallback);
            }
        }, callback);
    }
}
