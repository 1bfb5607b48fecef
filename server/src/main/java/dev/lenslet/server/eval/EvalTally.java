package dev.lenslet.server.eval;

import dev.lenslet.core.Prediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of an evaluation: how many labelled photos were classified, how many had their class first (top-1)
 * or among the first five (top-5), which classes were missed, what they were taken for, and, when a second
 * arithmetic is compared, how often both put the same class first.
 */
public final class EvalTally {
    /** A class and how many of its photos were classified and how many of them wrongly (top-1). */
    public record Missed(int index, int wrong, int of) {
    }

    /** Photos of class {@code expected} classified as {@code predicted}. */
    public record Confusion(int expected, int predicted, int count) {
    }

    private static final int TOP_5 = 5;

    private int classified;
    private int top1;
    private int top5;
    private int compared;
    private int sameTop1;
    private final Map<Integer, int[]> perClass = new TreeMap<>();
    private final Map<List<Integer>, Integer> confusions = new TreeMap<>(
            Comparator.<List<Integer>>comparingInt(pair -> pair.get(0)).thenComparingInt(pair -> pair.get(1)));

    /** Counts one photo of class {@code expected} and the classifier's classes for it, most probable first. */
    public void add(int expected, List<Prediction> top) {
        classified++;
        int[] counts = perClass.computeIfAbsent(expected, unused -> new int[2]); // {classified, wrong}
        counts[0]++;
        for (int rank = 0; rank < Math.min(TOP_5, top.size()); rank++) {
            if (top.get(rank).index() == expected) {
                top5++;
                top1 += rank == 0 ? 1 : 0;
                break;
            }
        }
        int predicted = top.get(0).index();
        if (predicted != expected) {
            counts[1]++;
            confusions.merge(List.of(expected, predicted), 1, Integer::sum);
        }
    }

    /** Counts one photo classified in both arithmetics: whether their first classes agree. */
    public void addComparison(boolean sameFirstClass) {
        compared++;
        sameTop1 += sameFirstClass ? 1 : 0;
    }

    public int classified() {
        return classified;
    }

    public int top1() {
        return top1;
    }

    public int top5() {
        return top5;
    }

    public int compared() {
        return compared;
    }

    public int sameTop1() {
        return sameTop1;
    }

    /** The classes with the most wrong top-1 answers, most first (then by class), at most {@code limit}. */
    public List<Missed> mostOftenWrong(int limit) {
        List<Missed> missed = new ArrayList<>();
        perClass.forEach((index, counts) -> {
            if (counts[1] > 0) {
                missed.add(new Missed(index, counts[1], counts[0]));
            }
        });
        missed.sort(Comparator.comparingInt(Missed::wrong).reversed().thenComparingInt(Missed::index));
        return missed.subList(0, Math.min(limit, missed.size()));
    }

    /** The most frequent (expected, predicted) pairs among wrong answers, most first, at most {@code limit}. */
    public List<Confusion> mostFrequentConfusions(int limit) {
        List<Confusion> list = new ArrayList<>();
        confusions.forEach((pair, count) -> list.add(new Confusion(pair.get(0), pair.get(1), count)));
        list.sort(Comparator.comparingInt(Confusion::count).reversed());
        return list.subList(0, Math.min(limit, list.size()));
    }
}
