package microgpt.cli;

import microgpt.fast.FastGpt;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.nn.MemoryEstimate;
import microgpt.random.PythonRandom;

/**
 * The engine behind {@code --engine}. The scalar and fast engines compute the same numbers, so the
 * choice between them changes only the speed; the simd engine reorders the sums of its matrix
 * products, so its numbers differ from theirs in the last bits. (Lower case, because picocli takes
 * an option's values from the constants' names.)
 */
enum Engine {

    /** A graph of scalar Values per step, as the reference: the one to read. */
    scalar,

    /** Flat arrays and a hand-written backward pass: the one to run. */
    fast,

    /** The fast engine with the Vector API's fused multiply-adds in the matrix products: the fastest, not bit for bit. */
    simd;

    /**
     * A fresh model whose initial weights are drawn from {@code rng}, the same for every engine;
     * the fast and simd engines train on {@code threads} threads (the scalar one on one), with the
     * same numbers on any number.
     */
    LanguageModel create(GptConfig config, PythonRandom rng, int threads) {
        return switch (this) {
            case scalar -> new Gpt(config, rng);
            case fast -> FastGpt.withThreads(config, rng, threads);
            case simd -> FastGpt.reordered(config, rng, threads);
        };
    }

    /**
     * Refuses, before anything is allocated, a shape this engine cannot hold in this JVM (the
     * scalar engine counted with a document as long as the context, its worst case), and the simd
     * engine in a JVM without the Vector API or without the JIT's optimizing compiler.
     */
    void requireMemory(GptConfig config) {
        if (this == simd) {
            FastGpt.requireVectorSupport();
        }
        MemoryEstimate.require(config, this == scalar ? config.scalarEngineBytes() : config.fastEngineBytes(), "the " + this + " engine");
    }

    /** This engine's model with the weights of {@code model}. */
    LanguageModel of(Gpt model) {
        return switch (this) {
            case scalar -> model;
            case fast -> FastGpt.from(model);
            case simd -> FastGpt.reorderedWithWeights(model.config(), model.weights());
        };
    }
}
