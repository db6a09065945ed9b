package microgpt.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import microgpt.io.Checkpoint;
import microgpt.random.PythonRandom;
import microgpt.sample.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample}: new documents from a saved model. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write new documents with a model saved by 'train --save'.")
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "checkpoint written by 'train --save'")
    Path model;

    @Option(names = "--count", paramLabel = "N", description = "how many samples (default: ${DEFAULT-VALUE})")
    int count = 20;

    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature, > 0 (default: ${DEFAULT-VALUE})")
    double temperature = 0.5;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "scalar or fast; both give the same numbers (default: ${DEFAULT-VALUE})")
    Engine engine = Engine.fast;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the sampling generator (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Override
    public Integer call() {
        Sampler.checkCount(count);
        Sampler.checkTemperature(temperature);
        Checkpoint.Contents saved = Checkpoint.load(model);
        engine.requireMemory(saved.model().config());
        Sampler sampler = new Sampler(engine.of(saved.model()), saved.tokenizer(), new PythonRandom(seed));
        for (int i = 0; i < count; i++) { // one at a time, printed at once: any count, in constant memory
            Output.println(System.out, String.format("sample %2d: %s", i + 1, sampler.sample(temperature)));
        }
        return 0;
    }
}
