package com.starrymeet.search.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import com.starrymeet.common.events.contract.AvailabilityChanged;
import com.starrymeet.common.events.contract.CelebrityUpserted;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Lucene index of celebrities, one document per celebrity, kept with an {@link IndexWriter} and read
 * through a near-real-time {@link SearcherManager}.
 * <p>
 * Each document stores the latest snapshot and availability with their aggregate versions, so an older or
 * repeated event is a no-op even after a restart. Celebrities that are not public (inactive or unverified)
 * or were removed keep a tombstone document (versions only, {@code visible=0}) that no query matches: it is
 * what makes a late, older snapshot harmless.
 * <p>
 * <b>Searchable and durable are separate steps.</b> A change applied alone is searchable when the apply method
 * returns; inside {@link #batch(Runnable)} (a Kafka poll) the whole batch becomes searchable at once at its end
 * (one NRT refresh, not one per event). Changes become durable with {@link #commit()}, which stores, in the same
 * Lucene commit, the Kafka positions ({@link #advance}) the index has consumed up to: after a crash the index
 * and the positions it resumes from are always those of one commit, so no event counted as consumed is lost
 * (events after it are read again and are no-ops by version). The commit also records {@link #FORMAT}: an
 * index written by another format (another analysis or document layout) is recreated empty and rebuilt.
 */
public class CelebrityIndex implements Closeable {

	/** Work done with a searcher that stays valid for the call. */
	@FunctionalInterface
	public interface SearcherWork<T> {

		T apply(IndexSearcher searcher) throws IOException;
	}

	/** A celebrity's state, as parsed records (serialized once, when its document is written). */
	private record State(long snapshotVersion, @Nullable CelebrityUpserted snapshot, long availabilityVersion,
			@Nullable AvailabilityChanged availability, boolean removed, boolean visible) {

		static final State NONE = new State(0, null, 0, null, false, false);
	}

	/**
	 * What the index holds of one celebrity: its snapshot version and whether it is searchable, and the version of
	 * its availability and whether it holds one (a calendar reconciliation cleared keeps its version, without
	 * availability).
	 */
	public record Entry(long version, boolean visible, long availabilityVersion, boolean availability) {
	}

	/**
	 * Version of the document layout and analysis. Bump it when a change needs every document written again
	 * (e.g. another keyword folding): an index of another format is recreated empty and rebuilt from Kafka.
	 * 2: places folded by the catalog contract, stored visibility, positions in the commit.
	 */
	public static final String FORMAT = "2";

	static final String FORMAT_KEY = "format";

	/** Commit user data key prefix of a consumed position: {@code position:<topic>:<partition>} → next offset. */
	static final String POSITION_KEY = "position:";

	private static final Logger log = LoggerFactory.getLogger(CelebrityIndex.class);

	private static final String SUGGEST_NAME = "s.displayName";

	private static final String SUGGEST_USERNAME = "s.username";

	private static final String SUGGEST_CATEGORY = "s.category";

	private static final String SUGGEST_PHOTO = "s.photo";

	private static final java.util.Set<String> SUGGEST_FIELDS = java.util.Set.of(IndexFields.ID, SUGGEST_NAME,
			SUGGEST_USERNAME, SUGGEST_CATEGORY, SUGGEST_PHOTO);

	/** The few stored fields an autocomplete entry needs. */
	public record NameEntry(UUID id, String displayName, String username, String category, @Nullable String profilePhoto) {
	}

	private final JsonMapper json = JsonMapper.builder().build();

	private final ReentrantLock writes = new ReentrantLock();

	private final Object commits = new Object();

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final boolean createdEmpty;

	private final Path path;

	/** Changes applied in the current batch and not yet visible to the searcher (guarded by {@link #writes}). */
	private final Map<UUID, State> pending = new HashMap<>();

	private int batchDepth;

	/** Kafka positions consumed: {@code topic:partition} → next offset to read. */
	private final Map<String, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();

	/** Bumped by every applied change; compared with {@link #committedChanges} to know whether to commit. */
	private final AtomicLong changes = new AtomicLong();

	private volatile long committedChanges;

	private volatile long lastCommitMillis = System.currentTimeMillis();

	public CelebrityIndex(Path path) {
		this.path = path;
		try {
			Files.createDirectories(path);
			this.directory = FSDirectory.open(path);
			Map<String, String> committed = DirectoryReader.indexExists(directory)
					? SegmentInfos.readLatestCommit(directory).getUserData() : Map.of();
			this.createdEmpty = !FORMAT.equals(committed.get(FORMAT_KEY));
			if (createdEmpty && !committed.isEmpty()) {
				log.info("Search index at {} has format {} (this code writes {}): recreating it", path,
						committed.get(FORMAT_KEY), FORMAT);
			}
			var config = new IndexWriterConfig(SearchAnalyzers.indexing())
				.setOpenMode(createdEmpty ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
				.setCommitOnClose(true)
				.setRAMBufferSizeMB(64);
			this.writer = new IndexWriter(directory, config);
			if (!createdEmpty) {
				committed.forEach((key, value) -> {
					if (key.startsWith(POSITION_KEY)) {
						positions.put(key.substring(POSITION_KEY.length()), Long.parseLong(value));
					}
				});
			}
			lastCommitted = commitData();
			writer.setLiveCommitData(lastCommitted.entrySet());
			if (createdEmpty) {
				writer.commit();
			}
			this.searchers = new SearcherManager(writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the search index at " + path, ex);
		}
	}

	/**
	 * Whether the index was created empty when opened (no index there, or one of another {@link #FORMAT}): it
	 * must be rebuilt from Kafka from the beginning.
	 */
	public boolean wasCreatedEmpty() {
		return createdEmpty;
	}

	public Path path() {
		return path;
	}

	// ---- Kafka positions and durability

	/** The committed-or-consumed position of a partition ({@code topic:partition}), null when never consumed. */
	public @Nullable Long position(String topic, int partition) {
		return positions.get(topic + ":" + partition);
	}

	/** Every consumed position, {@code topic:partition} → next offset. */
	public Map<String, Long> positions() {
		return new TreeMap<>(positions);
	}

	/**
	 * Records that every record of {@code topic}/{@code partition} before {@code nextOffset} has been applied; the
	 * next {@link #commit()} makes it durable together with those changes. Call it only after applying them.
	 */
	public void advance(String topic, int partition, long nextOffset) {
		positions.merge(topic + ":" + partition, nextOffset, Math::max);
	}

	/**
	 * Makes everything applied so far durable, with the positions advanced so far, in one Lucene commit. Since
	 * positions are advanced only after their records are applied, a commit never holds a position ahead of its
	 * changes (it may hold changes ahead of its positions: those records are read again, and are no-ops).
	 * @return whether there was anything to commit
	 */
	public boolean commit() {
		synchronized (commits) {
			long applied = changes.get();
			var data = commitData();
			boolean positionsMoved = !data.equals(lastCommitted);
			if (applied == committedChanges && !positionsMoved) {
				return false;
			}
			try {
				writer.setLiveCommitData(data.entrySet());
				writer.commit();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			committedChanges = applied;
			lastCommitted = data;
			lastCommitMillis = System.currentTimeMillis();
			return true;
		}
	}

	private Map<String, String> lastCommitted = Map.of();

	/** When the last commit happened (epoch millis). */
	public long lastCommitMillis() {
		return lastCommitMillis;
	}

	private Map<String, String> commitData() {
		var data = new TreeMap<String, String>();
		data.put(FORMAT_KEY, FORMAT);
		positions.forEach((key, value) -> data.put(POSITION_KEY + key, Long.toString(value)));
		return data;
	}

	/**
	 * Runs {@code work} (several apply calls) as one batch: their changes become searchable together when it
	 * ends, with one refresh. Versions are compared with the changes of the batch too.
	 */
	public void batch(Runnable work) {
		writes.lock();
		try {
			batchDepth++;
			try {
				work.run();
			}
			finally {
				batchDepth--;
				if (batchDepth == 0) {
					publishLocked();
				}
			}
		}
		finally {
			writes.unlock();
		}
	}

	/** Applies a snapshot unless one with the same or a higher version was applied. */
	public boolean applyUpsert(CelebrityUpserted snapshot, long version) {
		return change(snapshot.celebrityId(), state -> {
			if (version <= state.snapshotVersion()) {
				return null;
			}
			return new State(version, snapshot, state.availabilityVersion(), state.availability(), false,
					snapshot.isPublic());
		});
	}

	/** Drops the celebrity from search; snapshots older than {@code version} stay ignored. */
	public boolean applyRemoval(UUID celebrityId, long version) {
		return change(celebrityId, state -> {
			if (version < state.snapshotVersion() || state.removed() && version == state.snapshotVersion()) {
				return null;
			}
			return new State(version, null, state.availabilityVersion(), state.availability(), true, false);
		});
	}

	/** Applies where and when the celebrity is available, unless a newer availability was applied. */
	public boolean applyAvailability(AvailabilityChanged availability, long version) {
		return change(availability.celebrityId(), state -> {
			if (version <= state.availabilityVersion()) {
				return null;
			}
			return new State(state.snapshotVersion(), state.snapshot(), version, availability, state.removed(),
					state.visible());
		});
	}

	/**
	 * Reconciliation with the catalog: puts {@code snapshot} at {@code version} even when that is LOWER than the
	 * index's version (the index was ahead of the source of truth), provided the index still holds
	 * {@code expected} (the version the decision was made on); if a Kafka event changed it meanwhile, only the
	 * ordinary newest-wins rule applies.
	 */
	public boolean repairUpsert(CelebrityUpserted snapshot, long version, long expected) {
		return change(snapshot.celebrityId(), state -> {
			boolean unchanged = state.snapshotVersion() == expected;
			if (!unchanged && version <= state.snapshotVersion()) {
				return null;
			}
			if (version == state.snapshotVersion() && snapshot.equals(state.snapshot()) && !state.removed()) {
				return null;
			}
			return new State(version, snapshot, state.availabilityVersion(), state.availability(), false,
					snapshot.isPublic());
		});
	}

	/**
	 * Reconciliation: takes a celebrity the catalog does not list out of search (a tombstone at its version),
	 * provided the index still holds {@code expected}.
	 */
	public boolean repairRemoval(UUID celebrityId, long expected) {
		return change(celebrityId, state -> {
			if (state.snapshotVersion() != expected || !state.visible()) {
				return null;
			}
			return new State(state.snapshotVersion(), null, state.availabilityVersion(), state.availability(), true,
					false);
		});
	}

	/**
	 * Reconciliation with the calendars: puts {@code availability} at {@code version} even when that is LOWER than
	 * the index's availability version (the index was ahead of booking-service), provided the index still holds
	 * {@code expected} (the availability version the decision was made on); if a Kafka event changed it meanwhile,
	 * only the ordinary newest-wins rule applies.
	 */
	public boolean repairAvailability(AvailabilityChanged availability, long version, long expected) {
		return change(availability.celebrityId(), state -> {
			boolean unchanged = state.availabilityVersion() == expected;
			if (!unchanged && version <= state.availabilityVersion()) {
				return null;
			}
			if (version == state.availabilityVersion() && availability.equals(state.availability())) {
				return null;
			}
			return new State(state.snapshotVersion(), state.snapshot(), version, availability, state.removed(),
					state.visible());
		});
	}

	/**
	 * Reconciliation: forgets the availability of a celebrity booking-service has no calendar for, provided the
	 * index still holds {@code expected}. The version stays (older events stay ignored); search falls back to the
	 * snapshot's availability summary, as for a celebrity no AvailabilityChanged was ever published for.
	 */
	public boolean clearAvailability(UUID celebrityId, long expected) {
		return change(celebrityId, state -> {
			if (state.availabilityVersion() != expected || state.availability() == null) {
				return null;
			}
			return new State(state.snapshotVersion(), state.snapshot(), state.availabilityVersion(), null,
					state.removed(), state.visible());
		});
	}

	/**
	 * What the index holds: every celebrity it knows (tombstones too) with its snapshot version, and its availability
	 * version.
	 */
	public Map<UUID, Entry> entries() {
		return search(searcher -> {
			var entries = new HashMap<UUID, Entry>();
			var fields = java.util.Set.of(IndexFields.ID, IndexFields.SNAPSHOT_VERSION, IndexFields.VISIBLE,
					IndexFields.AVAILABILITY_VERSION, IndexFields.AVAILABILITY);
			for (var leaf : searcher.getIndexReader().leaves()) {
				var reader = leaf.reader();
				var live = reader.getLiveDocs();
				var stored = reader.storedFields();
				for (int doc = 0; doc < reader.maxDoc(); doc++) {
					if (live != null && !live.get(doc)) {
						continue;
					}
					var document = stored.document(doc, fields);
					entries.put(UUID.fromString(document.get(IndexFields.ID)),
							new Entry(document.getField(IndexFields.SNAPSHOT_VERSION).numericValue().longValue(),
									"1".equals(document.get(IndexFields.VISIBLE)),
									document.getField(IndexFields.AVAILABILITY_VERSION).numericValue().longValue(),
									document.get(IndexFields.AVAILABILITY) != null));
				}
			}
			return entries;
		});
	}

	/** Searchable celebrities. */
	public int visibleCount() {
		return search(searcher -> searcher.count(new TermQuery(new Term(IndexFields.VISIBLE, "1"))));
	}

	/** Every document, tombstones included. */
	public int documentCount() {
		return search(searcher -> searcher.getIndexReader().numDocs());
	}

	/**
	 * Loads many celebrities at once into an index that does not hold them yet (benchmarks, bulk imports):
	 * no per-document lookup, one commit at the end.
	 */
	public void bulkLoad(Collection<CelebrityUpserted> snapshots, Map<UUID, AvailabilityChanged> availability) {
		writes.lock();
		try {
			for (var snapshot : snapshots) {
				var located = availability.get(snapshot.celebrityId());
				var state = new State(1, snapshot, located == null ? 0 : 1, located, false, snapshot.isPublic());
				writer.updateDocument(new Term(IndexFields.ID, snapshot.celebrityId().toString()),
						document(snapshot.celebrityId(), state));
			}
			changes.incrementAndGet();
			commit();
			searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writes.unlock();
		}
	}

	/** Runs {@code work} with the latest searcher. */
	public <T> T search(SearcherWork<T> work) {
		try {
			var searcher = searchers.acquire();
			try {
				return work.apply(searcher);
			}
			finally {
				searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The celebrity stored in a document of {@code searcher}. */
	public IndexedCelebrity read(IndexSearcher searcher, int docId) throws IOException {
		var doc = searcher.storedFields().document(docId);
		var snapshot = json.readValue(doc.get(IndexFields.SNAPSHOT), CelebrityUpserted.class);
		var availability = doc.get(IndexFields.AVAILABILITY);
		return new IndexedCelebrity(snapshot,
				availability == null ? null : json.readValue(availability, AvailabilityChanged.class));
	}

	/** The name entry of a document of {@code searcher} (cheaper than {@link #read}). */
	public NameEntry readName(IndexSearcher searcher, int docId) throws IOException {
		var doc = searcher.storedFields().document(docId, SUGGEST_FIELDS);
		return new NameEntry(UUID.fromString(doc.get(IndexFields.ID)), doc.get(SUGGEST_NAME), doc.get(SUGGEST_USERNAME),
				doc.get(SUGGEST_CATEGORY), doc.get(SUGGEST_PHOTO));
	}

	/** The snapshot version applied for a celebrity (0 when unknown). */
	public long snapshotVersion(UUID celebrityId) {
		return search(searcher -> current(searcher, celebrityId).snapshotVersion());
	}

	/** Commits what is left (with the positions) and closes. */
	@Override
	public void close() throws IOException {
		writes.lock();
		try {
			synchronized (commits) {
				writer.setLiveCommitData(commitData().entrySet());
				searchers.close();
				writer.close();
				directory.close();
			}
		}
		finally {
			writes.unlock();
		}
	}

	/** A crash, for tests: drops everything not committed and closes. */
	void crash() throws IOException {
		writes.lock();
		try {
			searchers.close();
			writer.rollback();
			directory.close();
		}
		finally {
			writes.unlock();
		}
	}

	private boolean change(UUID id, Function<State, @Nullable State> next) {
		writes.lock();
		try {
			var state = pending.get(id);
			if (state == null) {
				state = search(searcher -> current(searcher, id));
			}
			var changed = next.apply(state);
			if (changed == null) {
				return false;
			}
			pending.put(id, changed);
			if (batchDepth == 0) {
				publishLocked();
			}
			return true;
		}
		finally {
			writes.unlock();
		}
	}

	/**
	 * Writes the pending changes, one document per celebrity however many events of the batch touched it, and
	 * makes them searchable (holding {@link #writes}).
	 */
	private void publishLocked() {
		if (pending.isEmpty()) {
			return;
		}
		try {
			for (var entry : pending.entrySet()) {
				writer.updateDocument(new Term(IndexFields.ID, entry.getKey().toString()),
						document(entry.getKey(), entry.getValue()));
			}
			changes.addAndGet(pending.size());
			pending.clear();
			searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private State current(IndexSearcher searcher, UUID id) throws IOException {
		var hits = searcher.search(new TermQuery(new Term(IndexFields.ID, id.toString())), 1);
		if (hits.scoreDocs.length == 0) {
			return State.NONE;
		}
		var doc = searcher.storedFields().document(hits.scoreDocs[0].doc);
		var snapshot = doc.get(IndexFields.SNAPSHOT);
		var availability = doc.get(IndexFields.AVAILABILITY);
		return new State(doc.getField(IndexFields.SNAPSHOT_VERSION).numericValue().longValue(),
				snapshot == null ? null : json.readValue(snapshot, CelebrityUpserted.class),
				doc.getField(IndexFields.AVAILABILITY_VERSION).numericValue().longValue(),
				availability == null ? null : json.readValue(availability, AvailabilityChanged.class),
				"1".equals(doc.get(IndexFields.REMOVED)), "1".equals(doc.get(IndexFields.VISIBLE)));
	}

	private Document document(UUID id, State state) {
		var doc = new Document();
		doc.add(new StringField(IndexFields.ID, id.toString(), Field.Store.YES));
		doc.add(new StoredField(IndexFields.SNAPSHOT_VERSION, state.snapshotVersion()));
		doc.add(new StoredField(IndexFields.AVAILABILITY_VERSION, state.availabilityVersion()));
		doc.add(new StoredField(IndexFields.REMOVED, state.removed() ? "1" : "0"));
		if (state.availability() != null) {
			doc.add(new StoredField(IndexFields.AVAILABILITY, json.writeValueAsString(state.availability())));
		}
		var snapshot = state.removed() ? null : state.snapshot();
		if (snapshot == null || !snapshot.isPublic()) {
			// tombstone: versions only, matched by no query; keeps a non-public snapshot for the next availability
			doc.add(new StringField(IndexFields.VISIBLE, "0", Field.Store.YES));
			if (snapshot != null) {
				doc.add(new StoredField(IndexFields.SNAPSHOT, json.writeValueAsString(snapshot)));
			}
			return doc;
		}
		doc.add(new StoredField(IndexFields.SNAPSHOT, json.writeValueAsString(snapshot)));
		// what a suggestion shows, readable without parsing the snapshot
		doc.add(new StoredField(SUGGEST_NAME, snapshot.displayName()));
		doc.add(new StoredField(SUGGEST_USERNAME, snapshot.username()));
		doc.add(new StoredField(SUGGEST_CATEGORY, snapshot.category().name()));
		if (snapshot.profilePhotoUrl() != null) {
			doc.add(new StoredField(SUGGEST_PHOTO, snapshot.profilePhotoUrl()));
		}
		var celebrity = new IndexedCelebrity(snapshot, state.availability());
		addSearchFields(doc, celebrity);
		return doc;
	}

	private static void addSearchFields(Document doc, IndexedCelebrity celebrity) {
		var s = celebrity.snapshot();
		doc.add(new StringField(IndexFields.VISIBLE, "1", Field.Store.YES));
		doc.add(new TextField(IndexFields.DISPLAY_NAME, s.displayName(), Field.Store.NO));
		doc.add(new TextField(IndexFields.NAME_PREFIX, s.displayName(), Field.Store.NO));
		doc.add(new TextField(IndexFields.USERNAME, s.username(), Field.Store.NO));
		if (s.profession() != null) {
			doc.add(new TextField(IndexFields.PROFESSION, s.profession(), Field.Store.NO));
		}
		if (s.bio() != null) {
			doc.add(new TextField(IndexFields.BIO, s.bio(), Field.Store.NO));
		}
		var category = s.category();
		doc.add(new TextField(IndexFields.CATEGORY_NAME, category.name(), Field.Store.NO));
		doc.add(new StringField(IndexFields.CATEGORY_SLUG, SearchAnalyzers.keyword(category.slug()), Field.Store.NO));
		doc.add(new StringField(IndexFields.CATEGORY_ID, category.id().toString(), Field.Store.NO));
		doc.add(new SortedDocValuesField(IndexFields.CATEGORY_FACET,
				new BytesRef(category.slug() + IndexFields.FACET_SEPARATOR + category.name())));

		for (var place : celebrity.places()) {
			doc.add(new StringField(IndexFields.CITY, SearchAnalyzers.keyword(place.city()), Field.Store.NO));
			doc.add(new StringField(IndexFields.COUNTRY, SearchAnalyzers.keyword(place.country()), Field.Store.NO));
			doc.add(new SortedSetDocValuesField(IndexFields.CITY_FACET,
					new BytesRef(place.city() + IndexFields.FACET_SEPARATOR + place.country())));
			for (var date : place.dates()) {
				doc.add(new LongPoint(IndexFields.AVAILABLE_DATE, date.toEpochDay()));
			}
		}
		doc.add(new StringField(IndexFields.VERIFIED, String.valueOf(s.verified()), Field.Store.NO));
		doc.add(new StringField(IndexFields.FEATURED, String.valueOf(s.featured()), Field.Store.NO));

		celebrity.lowestPriceCents().ifPresent(price -> {
			doc.add(new LongPoint(IndexFields.MIN_PRICE, price));
			doc.add(new NumericDocValuesField(IndexFields.MIN_PRICE, price));
		});
		doc.add(new DoublePoint(IndexFields.RATING, s.averageRating()));
		doc.add(new DoubleDocValuesField(IndexFields.RATING, s.averageRating()));
		doc.add(new LongPoint(IndexFields.POPULARITY, s.totalBookings()));
		doc.add(new NumericDocValuesField(IndexFields.POPULARITY, s.totalBookings()));
		var created = s.createdAt().toEpochMilli();
		doc.add(new LongPoint(IndexFields.CREATED_AT, created));
		doc.add(new NumericDocValuesField(IndexFields.CREATED_AT, created));
	}
}
