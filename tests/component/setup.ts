// Component tests: mount/unmount every test in isolation (vitest globals are off, so register the
// testing library's beforeEach/afterEach explicitly).
import '@testing-library/svelte/vitest';
