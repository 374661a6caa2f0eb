package com.starrymeet.stripesim;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's state on disk, so the local fleet can be stopped and started again while payment-service keeps
 * Stripe ids in its database. One file of JSON lines: a header line, then one line per object holding its whole
 * JSON ({@code customer}, {@code payment_method}, {@code payment_intent}, {@code charge}, {@code refund},
 * {@code account}, {@code transfer}, {@code transfer_reversal}, {@code dispute}, {@code event}, {@code idempotency},
 * {@code customer.deleted}); a later line for the same id replaces an earlier
 * one. After each change the object's new line is appended and flushed to the operating system (no fsync per
 * write): a process killed with SIGKILL loses nothing flushed, a machine crash may lose the last writes.
 *
 * <p>The file is compacted — rewritten with one line per live object, into {@code <file>.tmp}, fsynced, then moved
 * over the file atomically — at start, on close, and while running once the lines appended since the last
 * compaction outgrow the compacted size (at least 32 MB), so the file stays within about twice the live state.
 * Lines appended while a compaction runs go to the old file and are copied after the snapshot, so nothing is lost
 * whenever the process dies. A last line without its newline (a write torn by a kill) is skipped with a warning;
 * any other unreadable line fails the start with the file's name. {@code <file>.lock} keeps two simulators from
 * sharing one file.
 */
final class StateFile implements AutoCloseable {

    static final String HEADER_TYPE = "stripe-simulator-state";
    static final int VERSION = 1;
    static final long MIN_COMPACTION_BYTES = 32L << 20;

    /** Writes every live object as lines (without newlines); called by a compaction. */
    interface Snapshot {
        void writeTo(Consumer<byte[]> line);
    }

    private final Path path;
    private final Path tmp;
    private final Snapshot snapshot;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ReentrantLock compaction = new ReentrantLock();

    // guarded by this
    private OutputStream out;
    private List<byte[]> pending;
    private long appended;
    private long threshold = MIN_COMPACTION_BYTES;
    private boolean compactionScheduled;
    private boolean writeFailed;
    private boolean closed;

    private StateFile(Path path, Snapshot snapshot, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.tmp = path.resolveSibling(path.getFileName() + ".tmp");
        this.snapshot = snapshot;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes {@code <file>.lock}, hands every line of the file to {@code each} (oldest first), runs {@code afterRead},
     * then compacts the file from {@code snapshot} — which must by then reflect what was read — and opens it for
     * appending.
     *
     * @throws IllegalStateException naming the file when it is in use, unreadable or corrupt
     */
    static StateFile open(Path path, Consumer<ObjectNode> each, Runnable afterRead, Snapshot snapshot) {
        path = path.toAbsolutePath().normalize();
        Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
        FileChannel channel;
        FileLock lock;
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("stripe-simulator: cannot open the state file " + path + ": " + e, e);
        }
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("stripe-simulator: the state file " + path
                    + " is in use by another stripe-simulator (" + lockPath + " is locked)");
        }
        StateFile file = new StateFile(path, snapshot, channel, lock);
        try {
            read(path, each);
            afterRead.run();
            file.compact();
            return file;
        } catch (IOException | UncheckedIOException e) {
            file.release();
            throw new IllegalStateException("stripe-simulator: cannot write the state file " + path + ": " + e, e);
        } catch (RuntimeException e) {
            file.release();
            throw e;
        }
    }

    /** Every line of the file, oldest first; nothing when the file is absent or empty. */
    static void read(Path path, Consumer<ObjectNode> each) {
        if (!Files.exists(path)) return;
        String where = "stripe-simulator: cannot load the state file " + path;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) return;
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            boolean endsWithNewline = last.get(0) == '\n';
            ch.position(0);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8), 1 << 16);
            String line = reader.readLine();
            long number = 0;
            while (line != null) {
                number++;
                String next = reader.readLine();
                boolean torn = next == null && !endsWithNewline;
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(line);
                } catch (RuntimeException e) {
                    node = null;
                }
                if (number == 1) {
                    if (node == null || !HEADER_TYPE.equals(Json.text(node, "t"))) {
                        throw new IllegalStateException(where + ": it is not a stripe-simulator state file (line 1 is"
                                + " not its header); move it away or point the simulator at another file");
                    }
                    if (node.path("version").asInt(-1) != VERSION) {
                        throw new IllegalStateException(where + ": format version " + node.path("version")
                                + " is not " + VERSION);
                    }
                } else if (node instanceof ObjectNode o && Json.text(o, "t") != null) {
                    try {
                        each.accept(o);
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(where + ": line " + number + " cannot be applied (" + e
                                + "); the file is corrupt", e);
                    }
                } else if (torn) {
                    System.err.println(where + ": its last line is incomplete (a write cut short when the process"
                            + " was killed); it is skipped");
                } else {
                    throw new IllegalStateException(where + ": line " + number + " is not a state record; the file"
                            + " is corrupt (move it away to start with an empty simulator)");
                }
                line = next;
            }
        } catch (IOException e) {
            throw new IllegalStateException(where + ": " + e, e);
        }
    }

    /** Appends one line (an object's new JSON) and flushes it; may start a compaction in the background. */
    void append(byte[] line) {
        boolean compactNow = false;
        synchronized (this) {
            if (closed || out == null) return;
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                writeFailed(e);
            }
            if (pending != null) pending.add(line);
            appended += line.length + 1L;
            if (appended > threshold && !compactionScheduled) {
                compactionScheduled = true;
                compactNow = true;
            }
        }
        if (compactNow) {
            Thread.ofVirtual().name("stripe-sim-state-compaction").start(() -> {
                try {
                    compact();
                } catch (IOException | RuntimeException e) {
                    System.err.println("stripe-simulator: compacting the state file " + path + " failed (the journal"
                            + " keeps growing, nothing is lost): " + e);
                }
            });
        }
    }

    /** Must hold this. */
    private void writeFailed(IOException e) {
        if (!writeFailed) {
            writeFailed = true;
            System.err.println("stripe-simulator: cannot write the state file " + path + " (" + e
                    + "); changes may not survive a restart");
        }
    }

    /** Rewrites the file as one line per live object (temp file, fsync, atomic move) and reopens it for appending. */
    void compact() throws IOException {
        compaction.lock();
        try {
            synchronized (this) {
                if (closed) return;
                pending = new ArrayList<>();
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream tmpOut = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                ObjectNode header = Json.object();
                header.put("t", HEADER_TYPE);
                header.put("version", VERSION);
                header.put("written", Instant.now().toString());
                writeLine(tmpOut, Json.bytes(header));
                snapshot.writeTo(l -> writeLine(tmpOut, l));
                synchronized (this) {
                    for (byte[] l : pending) writeLine(tmpOut, l);
                    pending = null;
                    tmpOut.flush();
                    channel.force(true);
                    long size = channel.size();
                    if (out != null) out.close();
                    out = null;
                    try {
                        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                    }
                    out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND), 1 << 16);
                    appended = 0;
                    threshold = Math.max(MIN_COMPACTION_BYTES, size);
                }
            } finally {
                synchronized (this) {
                    pending = null;
                    compactionScheduled = false;
                    if (out == null && !closed) {
                        // the move failed after the old stream was closed: keep journaling to the old file
                        out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16);
                    }
                }
            }
        } finally {
            compaction.unlock();
        }
    }

    private static void writeLine(OutputStream out, byte[] line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    /** Compacts the file one last time (so a clean close loses nothing) and releases it. */
    @Override
    public void close() {
        try {
            compact();
        } catch (IOException | RuntimeException e) {
            System.err.println("stripe-simulator: compacting the state file " + path + " on close failed (the"
                    + " journal is kept, nothing is lost): " + e);
        }
        release();
    }

    private void release() {
        synchronized (this) {
            closed = true;
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    writeFailed(e);
                }
                out = null;
            }
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it anyway
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
