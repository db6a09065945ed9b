package microgpt.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import microgpt.InvalidInputException;

/**
 * Where a checkpoint goes: checked before any work (so a bad path fails at once, not after an
 * hour of training), and written through one temporary file beside it, {@code NAME.tmp}, that is
 * renamed over the target. A crash leaves at most that one file, which the next save replaces.
 * Never written over: a directory, a device or other special file, a symbolic link (the link, not
 * its target, would be replaced), or the file the training data comes from.
 */
public final class CheckpointTarget {

    private CheckpointTarget() {}

    /** The temporary file a save to {@code file} writes first: the same name plus ".tmp", in the same directory. */
    public static Path temporaryFor(Path file) {
        Path target = file.toAbsolutePath();
        return target.resolveSibling(target.getFileName() + ".tmp");
    }

    /** Refuses a target that is a directory, a special file or a symbolic link. */
    public static void requireReplaceable(Path file) {
        String where = "cannot save the model to " + file + ": it is ";
        if (Files.isSymbolicLink(file)) {
            throw new InvalidInputException(where + "a symbolic link, and saving would replace the link; give the path of the file itself");
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(where + "a directory; give a file name, e.g. " + file.resolve("model.mgpt"));
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(where + "a special file (a device, pipe or socket), not a regular file; give a file name");
        }
    }

    /**
     * Checks, before training, that a model can be saved to {@code file}: a replaceable target
     * that is not {@code dataFile} (may be null), in a directory that exists (or can be made) and
     * takes a new file. It proves the last by creating and removing the temporary file.
     */
    public static void requireWritable(Path file, Path dataFile) {
        requireReplaceable(file);
        if (dataFile != null && sameFile(file, dataFile)) {
            throw new InvalidInputException("cannot save the model to " + file + ": it is the training data file (--data),"
                    + " which saving would destroy; choose another name, e.g. model.mgpt");
        }
        Path temp = temporaryFor(file);
        try {
            Files.createDirectories(temp.getParent());
            Files.deleteIfExists(temp);
            Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            Files.delete(temp);
        } catch (IOException e) {
            throw new InvalidInputException("cannot save the model to " + file + ": cannot create " + temp + " ("
                    + describe(e) + "); check that the directory exists and is writable", e);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // cannot tell by the file system: fall back to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Writes the bytes to NAME.tmp, forces them to disk, and renames that over {@code file}. */
    static void writeAtomically(Path file, byte[] content) {
        requireReplaceable(file);
        Path target = file.toAbsolutePath();
        Path temp = temporaryFor(file);
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(temp); // a leftover of a killed save; never followed if it is a link
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot write checkpoint " + file + ": " + describe(e)
                    + "; check that the directory exists and is writable", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary file is already gone or unreachable; the target is what matters
            }
        }
    }

    /** An I/O error in words: the JDK's message, or the kind of error when it has none. */
    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
