import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The views render MUI tables, a virtualized list and a diff viewer; on the
// project's 2-core CI machines, shared with a webpack build, a first render
// takes seconds. Waits are generous so that only a wrong screen fails.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
