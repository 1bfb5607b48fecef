package dev.lenslet.webapp.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * A class activation map drawn over an image or video: {@code canvas.map-overlay}, which CSS stretches over its
 * media element's box. The map's few cells are coloured with viridis (readable with any colour vision, and dark to
 * light in greyscale too), more opaque where the map is higher, and scaled up with the canvas's image smoothing
 * onto the part of the picture the network saw (the map's region, wherever object-fit puts it). The canvas is an
 * image to assistive technology, labelled with the map in words; {@code data-values} holds its numbers.
 */
final class MapOverlay {
    private final HTMLElement canvas = Dom.create("canvas", "map-overlay");
    /** The map at one pixel per cell, which the overlay scales up. */
    private final HTMLElement cells = Dom.create("canvas", "");

    MapOverlay() {
        canvas.setAttribute("role", "img");
        canvas.setHidden(true);
    }

    HTMLElement element() {
        return canvas;
    }

    /** Draws {@code map} over {@code media}, whose box the overlay covers, and labels it as the map of {@code label}. */
    void show(ActivationMap map, String label, HTMLElement media) {
        ActivationMap.Box region = map.getRegion();
        show(map, label, media, region.getLeft(), region.getTop(), region.getWidth(), region.getHeight());
    }

    /** The same over the rectangle of {@code media} given as fractions of its width and height. */
    void show(ActivationMap map, String label, HTMLElement media, double left, double top, double width,
              double height) {
        canvas.setAttribute("aria-label", "Where it looked for " + label + ": " + map.getText());
        paint(canvas, cells, media, map.getValues(), map.getWidth(), map.getHeight(), left, top, width, height);
        canvas.setHidden(false);
    }

    void hide() {
        canvas.setHidden(true);
    }

    @JSBody(params = {"canvas", "cells", "media", "values", "width", "height", "left", "top", "regionWidth",
            "regionHeight"}, script = ""
            + "const viridis = [[68,1,84],[71,44,122],[59,81,139],[44,113,142],[33,144,141],[39,173,129],"
            + "  [92,200,99],[170,220,50],[253,231,37]];\n"
            + "cells.width = width; cells.height = height;\n"
            + "const cellContext = cells.getContext('2d');\n"
            + "const image = cellContext.createImageData(width, height);\n"
            + "for (let i = 0; i < width * height; i++) {\n"
            + "  const v = Math.min(1, Math.max(0, values[i])) * (viridis.length - 1);\n"
            + "  const low = Math.min(Math.floor(v), viridis.length - 2), t = v - low;\n"
            + "  for (let c = 0; c < 3; c++) {\n"
            + "    image.data[4 * i + c] = Math.round(viridis[low][c] + t * (viridis[low + 1][c] - viridis[low][c]));\n"
            + "  }\n"
            + "  image.data[4 * i + 3] = Math.round(255 * (0.25 + 0.5 * v / (viridis.length - 1)));\n"
            + "}\n"
            + "cellContext.putImageData(image, 0, 0);\n"
            + "const box = media.getBoundingClientRect();\n"
            + "const ratio = self.devicePixelRatio || 1;\n"
            + "canvas.width = Math.max(1, Math.round(box.width * ratio));\n"
            + "canvas.height = Math.max(1, Math.round(box.height * ratio));\n"
            + "const naturalWidth = media.naturalWidth || media.videoWidth || box.width;\n"
            + "const naturalHeight = media.naturalHeight || media.videoHeight || box.height;\n"
            + "const style = getComputedStyle(media);\n"
            + "let sx = box.width / naturalWidth, sy = box.height / naturalHeight;\n"
            + "if (style.objectFit === 'cover') { sx = sy = Math.max(sx, sy); }\n"
            + "else if (style.objectFit === 'contain' || style.objectFit === 'scale-down') { sx = sy = Math.min(sx, sy); }\n"
            + "else if (style.objectFit === 'none') { sx = sy = 1; }\n"
            + "const [px, py] = style.objectPosition.split(' ')"
            + "    .map((p) => p.endsWith('%') ? parseFloat(p) / 100 : 0.5);\n"
            + "const x0 = (box.width - naturalWidth * sx) * px, y0 = (box.height - naturalHeight * sy) * py;\n"
            + "const context = canvas.getContext('2d');\n"
            + "context.clearRect(0, 0, canvas.width, canvas.height);\n"
            + "context.imageSmoothingEnabled = true;\n"
            + "context.imageSmoothingQuality = 'high';\n"
            + "context.drawImage(cells, (x0 + left * naturalWidth * sx) * ratio, (y0 + top * naturalHeight * sy) * ratio,"
            + "    regionWidth * naturalWidth * sx * ratio, regionHeight * naturalHeight * sy * ratio);\n"
            + "canvas.dataset.width = width; canvas.dataset.height = height;\n"
            + "canvas.dataset.values = Array.from(values, (v) => v.toFixed(4)).join(',');\n"
            + "canvas.dataset.region = [left, top, regionWidth, regionHeight].join(',');")
    private static native void paint(HTMLElement canvas, HTMLElement cells, HTMLElement media, Float32Array values,
                                     int width, int height, double left, double top, double regionWidth,
                                     double regionHeight);
}
