package dev.lenslet.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.ByteBufferContentSource;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The image sent to the classify API, either as the raw request body (any image/* Content-Type, or
 * application/octet-stream: the bytes decide what it is) or as the file of a multipart/form-data form, as an
 * HTML form or {@code curl -F image=@photo.jpg} sends it. The body is read whole ({@link UploadBody}) before it
 * is looked at.
 *
 * @param fileName the form's file name, or null for a raw body
 */
record ImageUpload(String fileName, byte[] bytes) {
    /** The form field looked for first; any other field is accepted when the form has just one file. */
    private static final String FORM_FIELD = "image";
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final String FORM = "multipart/form-data";
    private static final String HOW_TO_SEND = "send a JPEG, PNG, BMP or GIF as the body with its image/* (or "
            + OCTET_STREAM + ") Content-Type, or as multipart/form-data with a file field named " + FORM_FIELD;
    /** Enough for the image and a few text fields a form may add; more is not a browser's upload. */
    private static final int MAX_FORM_PARTS = 16;
    /**
     * How many arrays of the body's size a form takes at the most: the body, its file gathered from it, and that
     * file copied into an array of its own.
     */
    static final int FORM_COPIES = 3;

    /**
     * Checks what the headers say, before any of the body is read.
     *
     * @throws ApiException 413 if the declared length is over {@code maxBytes}, 415 if not an image type
     */
    static void checkHeaders(Request request, int maxBytes) throws ApiException {
        long declaredLength = request.getLength();
        if (declaredLength > maxBytes) {
            throw UploadBody.tooLarge(declaredLength + " bytes", maxBytes);
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mediaType = mediaType(contentType);
        if (!mediaType.equals(FORM) && !isImageType(mediaType)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, (contentType == null
                    ? "the request has no Content-Type" : "Content-Type " + mediaType + " is not an image Lenslet reads")
                    + "; " + HOW_TO_SEND);
        }
    }

    /**
     * The image in a body that has fully arrived (see {@link UploadBody}) and whose headers passed
     * {@link #checkHeaders}.
     *
     * @throws ApiException 413 if a form's part is too large, 415 if it is not an image type, 400 if the form
     *                      holds no single image
     */
    static ImageUpload of(Request request, byte[] body, int maxBytes) throws ApiException, IOException {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return isForm(request) ? fromForm(body, request, contentType, maxBytes) : new ImageUpload(null, body);
    }

    /** Whether the body is a form, whose file is copied out of it ({@link #FORM_COPIES}). */
    static boolean isForm(Request request) {
        return mediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).equals(FORM);
    }

    /** Whether an upload of this type may be an image; the bytes themselves decide which format it is. */
    static boolean isImageType(String mediaType) {
        return mediaType.startsWith("image/") || mediaType.equals(OCTET_STREAM);
    }

    private static ImageUpload fromForm(byte[] body, Request request, String contentType, int maxBytes)
            throws ApiException, IOException {
        MultiPartConfig limits = new MultiPartConfig.Builder()
                .maxSize(maxBytes)
                .maxPartSize(maxBytes)
                .maxMemoryPartSize(maxBytes) // never spill to temporary files: the image is wanted in memory
                .maxParts(MAX_FORM_PARTS)
                .build();
        MultiPartFormData.Parts parts;
        try {
            parts = MultiPartFormData.getParts(new ByteBufferContentSource(ByteBuffer.wrap(body)), request,
                    contentType, limits);
        } catch (RuntimeException e) {
            throw formFailure(e, maxBytes);
        }
        try (parts) {
            MultiPart.Part part = imagePart(parts);
            String partMediaType = mediaType(part.getHeaders().get(HttpHeader.CONTENT_TYPE));
            // Browsers and curl send application/octet-stream for a file type they do not know.
            if (!partMediaType.isEmpty() && !isImageType(partMediaType)) {
                throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "the form's file "
                        + describe(part) + " is " + partMediaType + ", not an image Lenslet reads; " + HOW_TO_SEND);
            }
            ByteBuffer content = Content.Source.asByteBuffer(part.getContentSource());
            return new ImageUpload(part.getFileName(), BufferUtil.toArray(content));
        }
    }

    private static MultiPart.Part imagePart(MultiPartFormData.Parts parts) throws ApiException {
        MultiPart.Part named = parts.getFirst(FORM_FIELD);
        if (named != null) {
            return named;
        }
        List<MultiPart.Part> files = new ArrayList<>();
        for (MultiPart.Part part : parts) {
            if (part.getFileName() != null) {
                files.add(part);
            }
        }
        if (files.size() == 1) {
            return files.get(0);
        }
        throw new ApiException(HttpStatus.BAD_REQUEST_400, (files.isEmpty()
                ? "the form has no file" : "the form has " + files.size() + " files and none is named " + FORM_FIELD)
                + "; send one image in a file field named " + FORM_FIELD);
    }

    /** The type without parameters such as charset or boundary, lower case; empty if there is none. */
    private static String mediaType(String contentType) {
        return contentType == null ? "" : HttpField.stripParameters(contentType).trim().toLowerCase(Locale.ROOT);
    }

    private static String describe(MultiPart.Part part) {
        return part.getFileName() != null ? "'" + part.getFileName() + "'" : "field '" + part.getName() + "'";
    }

    /**
     * Jetty fails a malformed form and one over its limits alike, with an unchecked exception; over a limit it says
     * "max length exceeded" or "max file size exceeded".
     */
    private static ApiException formFailure(RuntimeException e, int maxBytes) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason = String.valueOf(cause.getMessage());
        if (cause instanceof IllegalStateException && reason.startsWith("max ") && reason.contains(" exceeded")) {
            return UploadBody.tooLarge("more than " + maxBytes + " bytes", maxBytes);
        }
        return new ApiException(HttpStatus.BAD_REQUEST_400, "the multipart/form-data body cannot be read ("
                + reason + "); " + HOW_TO_SEND);
    }
}
