// Shared unit-test setup: an in-memory IndexedDB for store tests.
import 'fake-indexeddb/auto';
