package dev.lenslet.server.inference;

import dev.lenslet.core.image.Crop;

/** The {@code --crop} and {@code crop=} values, as the CLI and the API spell them. */
public enum CropMode {
    center(Crop.CENTER), none(Crop.SQUASH);

    public final Crop crop;

    CropMode(Crop crop) {
        this.crop = crop;
    }
}
