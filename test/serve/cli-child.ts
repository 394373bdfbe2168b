/** The CLI from the sources, as a child process (tests that need a real second process). */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
