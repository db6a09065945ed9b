package microgpt.cli;

import java.nio.file.Path;
import microgpt.data.Tokenizer;
import microgpt.io.Checkpoint;
import microgpt.nn.LanguageModel;
import picocli.CommandLine.Option;

/** The options of a command that runs a saved model ({@code sample}, {@code eval}): the checkpoint, and the engine to run it on. */
final class SavedModel {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "checkpoint written by 'train --save'")
    Path file;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "scalar or fast (the same numbers), or simd (the same but for the last bits) (default: ${DEFAULT-VALUE})")
    Engine engine = Engine.fast;

    private Checkpoint.Contents contents;

    /** Loads the checkpoint, refusing a model too large for this JVM before its engine allocates anything. */
    LanguageModel load() {
        contents = Checkpoint.load(file);
        engine.requireMemory(contents.model().config());
        return engine.of(contents.model());
    }

    /** The tokenizer saved with the model; after {@link #load()}. */
    Tokenizer tokenizer() {
        return contents.tokenizer();
    }
}
