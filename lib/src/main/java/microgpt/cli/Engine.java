package microgpt.cli;

import microgpt.fast.FastGpt;
import microgpt.nn.Gpt;
import microgpt.nn.GptConfig;
import microgpt.nn.LanguageModel;
import microgpt.nn.MemoryEstimate;
import microgpt.random.PythonRandom;

/**
 * The engine behind {@code --engine}: both compute the same numbers, so the choice changes only the
 * speed. (Lower case, because picocli takes an option's values from the constants' names.)
 */
enum Engine {

    /** A graph of scalar Values per step, as the reference: the one to read. */
    scalar,

    /** Flat arrays and a hand-written backward pass: the one to run. */
    fast;

    /**
     * A fresh model whose initial weights are drawn from {@code rng}, the same for both engines;
     * the fast one trains on {@code threads} threads (the scalar one on one), with the same numbers.
     */
    LanguageModel create(GptConfig config, PythonRandom rng, int threads) {
        return this == fast ? FastGpt.withThreads(config, rng, threads) : new Gpt(config, rng);
    }

    /**
     * Refuses, before anything is allocated, a shape this engine cannot hold in this JVM (the
     * scalar engine counted with a document as long as the context, its worst case).
     */
    void requireMemory(GptConfig config) {
        MemoryEstimate.require(config, this == fast ? config.fastEngineBytes() : config.scalarEngineBytes(), "the " + this + " engine");
    }

    /** This engine's model with the weights of {@code model}. */
    LanguageModel of(Gpt model) {
        return this == fast ? FastGpt.from(model) : model;
    }
}
