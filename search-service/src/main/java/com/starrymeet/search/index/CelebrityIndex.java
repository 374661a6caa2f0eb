package com.starrymeet.search.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

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
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Lucene index of celebrities, one document per celebrity, kept with an {@link IndexWriter} and read
 * through a near-real-time {@link SearcherManager}.
 * <p>
 * Each document stores the latest snapshot and availability with their aggregate versions, so an older or
 * repeated event is a no-op even after a restart. Celebrities that are not public (inactive or unverified)
 * or were removed keep a tombstone document (versions only, {@code visible=0}) that no query matches: it is
 * what makes a late, older snapshot harmless. Every applied change is committed (durable) and refreshed
 * (searchable) before the apply method returns.
 */
public class CelebrityIndex implements Closeable {

	/** Work done with a searcher that stays valid for the call. */
	@FunctionalInterface
	public interface SearcherWork<T> {

		T apply(IndexSearcher searcher) throws IOException;
	}

	private record State(long snapshotVersion, @Nullable String snapshot, long availabilityVersion,
			@Nullable String availability, boolean removed) {

		static final State NONE = new State(0, null, 0, null, false);
	}

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

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final boolean createdEmpty;

	public CelebrityIndex(Path path) {
		try {
			Files.createDirectories(path);
			this.directory = FSDirectory.open(path);
			this.createdEmpty = !DirectoryReader.indexExists(directory);
			var config = new IndexWriterConfig(SearchAnalyzers.indexing())
				.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
				.setRAMBufferSizeMB(64);
			this.writer = new IndexWriter(directory, config);
			if (createdEmpty) {
				writer.commit();
			}
			this.searchers = new SearcherManager(writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the search index at " + path, ex);
		}
	}

	/** Whether there was no index at this location when it was opened (so it must be rebuilt from Kafka). */
	public boolean wasCreatedEmpty() {
		return createdEmpty;
	}

	/** Applies a snapshot unless one with the same or a higher version was applied. */
	public boolean applyUpsert(CelebrityUpserted snapshot, long version) {
		return change(snapshot.celebrityId(), state -> {
			if (version <= state.snapshotVersion()) {
				return null;
			}
			return new State(version, json.writeValueAsString(snapshot), state.availabilityVersion(),
					state.availability(), false);
		});
	}

	/** Drops the celebrity from search; snapshots older than {@code version} stay ignored. */
	public boolean applyRemoval(UUID celebrityId, long version) {
		return change(celebrityId, state -> {
			if (version < state.snapshotVersion() || state.removed() && version == state.snapshotVersion()) {
				return null;
			}
			return new State(version, null, state.availabilityVersion(), state.availability(), true);
		});
	}

	/** Applies where and when the celebrity is available, unless a newer availability was applied. */
	public boolean applyAvailability(AvailabilityChanged availability, long version) {
		return change(availability.celebrityId(), state -> {
			if (version <= state.availabilityVersion()) {
				return null;
			}
			return new State(state.snapshotVersion(), state.snapshot(), version,
					json.writeValueAsString(availability), state.removed());
		});
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
				var state = new State(1, json.writeValueAsString(snapshot), located == null ? 0 : 1,
						located == null ? null : json.writeValueAsString(located), false);
				writer.updateDocument(new Term(IndexFields.ID, snapshot.celebrityId().toString()),
						document(snapshot.celebrityId(), state));
			}
			writer.commit();
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

	/** Makes recent changes searchable (they already are after each apply; kept for a periodic call). */
	public void refresh() {
		try {
			searchers.maybeRefresh();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		writes.lock();
		try {
			searchers.close();
			writer.close();
			directory.close();
		}
		finally {
			writes.unlock();
		}
	}

	private boolean change(UUID id, java.util.function.Function<State, @Nullable State> next) {
		writes.lock();
		try {
			var state = search(searcher -> current(searcher, id));
			var changed = next.apply(state);
			if (changed == null) {
				return false;
			}
			writer.updateDocument(new Term(IndexFields.ID, id.toString()), document(id, changed));
			writer.commit();
			searchers.maybeRefreshBlocking();
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writes.unlock();
		}
	}

	private static State current(IndexSearcher searcher, UUID id) throws IOException {
		var hits = searcher.search(new TermQuery(new Term(IndexFields.ID, id.toString())), 1);
		if (hits.scoreDocs.length == 0) {
			return State.NONE;
		}
		var doc = searcher.storedFields().document(hits.scoreDocs[0].doc);
		return new State(doc.getField(IndexFields.SNAPSHOT_VERSION).numericValue().longValue(),
				doc.get(IndexFields.SNAPSHOT),
				doc.getField(IndexFields.AVAILABILITY_VERSION).numericValue().longValue(),
				doc.get(IndexFields.AVAILABILITY), "1".equals(doc.get(IndexFields.REMOVED)));
	}

	private Document document(UUID id, State state) {
		var doc = new Document();
		doc.add(new StringField(IndexFields.ID, id.toString(), Field.Store.YES));
		doc.add(new StoredField(IndexFields.SNAPSHOT_VERSION, state.snapshotVersion()));
		doc.add(new StoredField(IndexFields.AVAILABILITY_VERSION, state.availabilityVersion()));
		doc.add(new StoredField(IndexFields.REMOVED, state.removed() ? "1" : "0"));
		if (state.availability() != null) {
			doc.add(new StoredField(IndexFields.AVAILABILITY, state.availability()));
		}
		var snapshot = state.snapshot() == null || state.removed() ? null
				: json.readValue(state.snapshot(), CelebrityUpserted.class);
		if (snapshot == null || !snapshot.isPublic()) {
			// tombstone: versions only, matched by no query
			doc.add(new StringField(IndexFields.VISIBLE, "0", Field.Store.NO));
			return doc;
		}
		doc.add(new StoredField(IndexFields.SNAPSHOT, state.snapshot()));
		// what a suggestion shows, readable without parsing the snapshot
		doc.add(new StoredField(SUGGEST_NAME, snapshot.displayName()));
		doc.add(new StoredField(SUGGEST_USERNAME, snapshot.username()));
		doc.add(new StoredField(SUGGEST_CATEGORY, snapshot.category().name()));
		if (snapshot.profilePhotoUrl() != null) {
			doc.add(new StoredField(SUGGEST_PHOTO, snapshot.profilePhotoUrl()));
		}
		var celebrity = new IndexedCelebrity(snapshot, state.availability() == null ? null
				: json.readValue(state.availability(), AvailabilityChanged.class));
		addSearchFields(doc, celebrity);
		return doc;
	}

	private static void addSearchFields(Document doc, IndexedCelebrity celebrity) {
		var s = celebrity.snapshot();
		doc.add(new StringField(IndexFields.VISIBLE, "1", Field.Store.NO));
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
