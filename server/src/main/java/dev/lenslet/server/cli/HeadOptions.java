package dev.lenslet.server.cli;

import dev.lenslet.server.inference.ClassifierPerThread;
import dev.lenslet.server.inference.TaughtHead;
import dev.lenslet.server.inference.TopClasses;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --head FILE}: answer with the classes of a head taught by {@code lenslet train} or on the page, instead of
 * ImageNet's (a picocli mixin for every command that classifies). Use:
 * <pre>
 * &#64;Mixin HeadOptions head;
 * TopClasses classes = head.classes(classifiers); // throws InvalidHeadException with the message to print
 * new ParallelClassifier(classifiers, (file, c, pixels) -&gt; Outcome.Classified.run(file, c, pixels, crop, top,
 *         classes), maxPixels)
 * </pre>
 */
public final class HeadOptions {
    @Option(names = "--head", paramLabel = "HEAD_FILE", description = {
            "Answer with the classes of this head file (made by 'lenslet train' or exported from the page's Teach"
                    + " panel) instead of ImageNet's; it must have been trained on the same model."})
    Path headFile;

    /**
     * ImageNet's classes, or the head file's once it is read and checked against the loaded model.
     *
     * @throws dev.lenslet.core.head.InvalidHeadException naming the file, if it is unreadable, damaged or another
     *                                                    model's
     */
    public TopClasses classes(ClassifierPerThread classifiers) {
        if (headFile == null) {
            return TopClasses.IMAGENET;
        }
        return TaughtHead.read(headFile, classifiers.modelSha256(), classifiers.embeddingLength());
    }

    boolean taught() {
        return headFile != null;
    }
}
