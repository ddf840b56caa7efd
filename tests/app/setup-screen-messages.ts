// Components under test run outside the router, which loads the screens' strings in the app
// (app.tsx withScreenMessages); load them here the same way. The home chunk's own strings are
// checked apart, against the build (tests/e2e/installable.test.ts).
import '../../src/app/i18n/screen-messages';
