// The onboarding exercises, as a trainee and a team lead meet them: goals that tick as the fix
// is typed, hints then the solution, progress that survives a reload, the track, a completion
// code that the CLI verifies, and a damaged saved state that loses nothing else.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hydrated, seriousViolations, start, watchedPage } from '../harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const REQUIREMENTS_FIRST = `FROM python:3.13-slim

WORKDIR /code

COPY ./requirements.txt /code/requirements.txt

RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt

COPY ./app /code/app

CMD ["fastapi", "run", "app/main.py", "--port", "80"]
`;

/** Opens an exercise's page and waits until it is hydrated. */
async function openExercise(lang, id, options = {}) {
  const watched = await watchedPage(env, options);
  await watched.page.goto(`${env.url}/${lang}/exercises/${id}/`);
  await hydrated(watched.page);
  return watched;
}

/** Waits until the exercise's tool bundle has made it live. */
async function live(page) {
  await page.waitForSelector('article[data-exercise-id] .ex-host[data-live]', { timeout: 15000 });
}

const status = (page) => page.getAttribute('article[data-exercise-id]', 'data-exercise-status');

/** Replaces the editor's text the way a person would: select all, then type. */
async function typeDockerfile(page, text) {
  await page.focus('.ex-host textarea.lab-source');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** Runs the CLI the repository builds, with `input` on standard input. */
function cli(args, input) {
  try {
    const stdout = execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'shipshape-cli', '--', ...args], {
      cwd: ROOT,
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('an exercise page', () => {
  const WORDS = {
    en: { goals: /Goals/, solved: /Solved/ },
    ko: { goals: /목표/, solved: /해결했습니다/ },
    ja: { goals: /目標/, solved: /完了しました/ },
  };
  for (const [lang, words] of Object.entries(WORDS)) {
    test(`in ${lang}, typing the fix ticks the goals, passes, and survives a reload`, async () => {
      const { context, page, problems, foreign } = await openExercise(lang, 'requirements-first');
      const article = page.locator('article[data-exercise-id=requirements-first]');
      assert.equal(await article.getAttribute('data-exercise-status'), 'unsolved');
      assert.match(await page.innerText('.ex-goals h2'), words.goals);
      // The server's copy already says what is wrong, in the page's language.
      const unmet = page.locator('.ex-goal[data-met=false]');
      assert.equal(await unmet.count(), 2);
      assert.ok((await unmet.first().locator('.ex-goal-problem').innerText()).length > 10);
      // Typing is the first touch: the lab bundle loads, keeps what was typed, and checks it.
      await typeDockerfile(page, REQUIREMENTS_FIRST);
      await live(page);
      await page.waitForSelector('article[data-exercise-status=passed]', { timeout: 10000 });
      assert.equal(await page.locator('.ex-goal[data-met=false]').count(), 0);
      assert.equal(await page.locator('.ex-goal[data-met=true]').count(), 6);
      assert.match(await page.innerText('.ex-solved h2'), words.solved);
      assert.match(await page.innerText('.ex-announce'), words.solved);
      assert.equal(await page.getAttribute('.ex-announce', 'aria-live'), 'polite');
      assert.ok(await page.locator('.ex-next-link').count(), 'a next exercise link');
      // The layer view agrees: pip install stays cached when app/main.py changes.
      const pip = page.locator('.lab-step', { hasText: 'RUN pip install' });
      assert.equal(await pip.getAttribute('data-status'), 'cached');
      await page.reload();
      await hydrated(page);
      await live(page);
      await page.waitForSelector('article[data-exercise-status=passed]');
      assert.equal(await page.inputValue('.ex-host textarea.lab-source'), REQUIREMENTS_FIRST);
      assert.equal(await page.getAttribute('article[data-exercise-id]', 'data-exercise-progress'), 'passed');
      assert.deepEqual(problems, []);
      assert.deepEqual(foreign, []);
      await context.close();
    });
  }

  test('text selected before the bundle arrives is still selected, so typing replaces it', async () => {
    const { context, page, problems } = await openExercise('en', 'requirements-first');
    // Focusing the editor starts the bundle; the reader selects everything while it loads.
    await page.focus('.ex-host textarea.lab-source');
    await page.keyboard.press('Control+A');
    await live(page);
    await page.keyboard.insertText(REQUIREMENTS_FIRST);
    assert.equal(await page.inputValue('.ex-host textarea.lab-source'), REQUIREMENTS_FIRST);
    await page.waitForSelector('article[data-exercise-status=passed]', { timeout: 10000 });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('deleting the install does not pass, and says why', async () => {
    const { context, page, problems } = await openExercise('en', 'requirements-first');
    await typeDockerfile(page, 'FROM python:3.13-slim\nWORKDIR /code\nCOPY . /code\nCMD ["fastapi", "run", "app/main.py", "--port", "80"]\n');
    await live(page);
    const installs = page.locator('.ex-goal[data-met=false]', { hasText: 'still installs' });
    await installs.waitFor();
    assert.match(await installs.innerText(), /no longer installs the Python dependencies/);
    assert.equal(await status(page), 'unsolved');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('hints open one at a time; the solution needs the hints or a confirm, and counts', async () => {
    const { context, page, problems } = await openExercise('en', 'apt-index-alone');
    // Keyboard only: tab to the hint button and press Enter.
    const hintButton = page.locator('button.ex-show-hint');
    await hintButton.focus();
    await page.keyboard.press('Enter');
    await live(page);
    await page.waitForSelector('.ex-hints li');
    assert.equal(await page.locator('.ex-hints li').count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.ex-hints li') !== null), true);
    // Before the last hint, the solution asks first; cancelling shows nothing.
    await page.click('button.ex-show-solution');
    await page.waitForSelector('.ex-confirm');
    await page.click('button.ex-confirm-no');
    assert.equal(await page.locator('.ex-solution').count(), 0);
    await page.click('button.ex-show-hint');
    await page.waitForSelector('.ex-hints li:nth-child(2)');
    assert.equal(await page.locator('button.ex-show-hint').count(), 0, 'every hint is open');
    // After the last hint it opens at once.
    await page.click('button.ex-show-solution');
    await page.waitForSelector('.ex-solution');
    assert.equal(await page.locator('.ex-confirm').count(), 0);
    assert.match(await page.innerText('.ex-solution-code'), /apt-get update \\\n\s+&& apt-get install/);
    await page.click('button.ex-use-solution');
    await page.waitForSelector('article[data-exercise-status=passed]');
    assert.equal(await page.getAttribute('article[data-exercise-id]', 'data-exercise-progress'), 'passed-with-solution');
    assert.match(await page.innerText('.ex-solved h2'), /with the solution/);
    // One undo step in the editor brings the trainee's text back.
    await page.focus('.ex-host textarea.lab-source');
    await page.keyboard.press('Control+Z');
    await page.waitForSelector('article[data-exercise-status=unsolved]');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('start over clears the exercise and can be undone', async () => {
    const { context, page, problems } = await openExercise('ja', 'non-root-user');
    await page.click('button.ex-show-hint');
    await live(page);
    await page.waitForSelector('.ex-hints li');
    const before = await page.inputValue('.ex-host textarea.lab-source');
    await typeDockerfile(page, before.replace('CMD', 'RUN useradd --create-home appuser\n\nUSER appuser\n\nCMD'));
    await page.waitForSelector('article[data-exercise-status=passed]');
    await page.click('button.ex-start-over');
    await page.waitForSelector('article[data-exercise-status=unsolved]');
    assert.equal(await page.locator('.ex-hints li').count(), 0);
    assert.equal(await page.inputValue('.ex-host textarea.lab-source'), before);
    assert.equal(await page.evaluate(() => localStorage.getItem('shipshape.exercise.v1.non-root-user')), null);
    await page.click('button.ex-undo');
    await page.waitForSelector('article[data-exercise-status=passed]');
    assert.equal(await page.locator('.ex-hints li').count(), 1);
    assert.ok(await page.evaluate(() => localStorage.getItem('shipshape.exercise.v1.non-root-user')));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a concept exercise explains every choice', async () => {
    const { context, page, problems } = await openExercise('ko', 'restarts');
    await page.check('input[value=cron-check]');
    await live(page);
    await page.waitForSelector('.ex-choice[data-choice=cron-check] .ex-why');
    assert.equal(await status(page), 'unsolved');
    assert.match(await page.innerText('.ex-goal-problem'), /이 답은 아닙니다/);
    await page.check('input[value=external-tool]');
    await page.waitForSelector('article[data-exercise-status=passed]');
    // Once solved, every choice says why.
    assert.equal(await page.locator('.ex-why').count(), 4);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a capacity exercise: the calculator in exercise mode', async () => {
    const { context, page, problems, foreign } = await openExercise('en', 'workers-fit-a-model');
    const workers = page.locator('.calc-exercise input[id$="-wk"]');
    assert.equal(await workers.inputValue(), '4');
    // Only the decision is an input: the model's size is the exercise's.
    assert.equal(await page.locator('.calc-exercise input[id$="-mm"]').count(), 0);
    await workers.fill('3');
    await live(page);
    await page.waitForSelector('article[data-exercise-status=passed]', { timeout: 10000 });
    assert.match(await page.innerText('.calc-exercise .calc-verdict'), /Fits/);
    // Two workers fit too, but they are not the most that fit.
    await page.locator('.calc-exercise input[id$="-wk"]').fill('2');
    await page.waitForSelector('article[data-exercise-status=unsolved]');
    assert.match(await page.innerText('.ex-goal[data-met=false]'), /it must be exactly 3/);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('a damaged saved state gives a notice, is kept aside, and loses nothing else', async () => {
    const watched = await watchedPage(env);
    const { page, context, problems } = watched;
    // Written on a page that reads no exercise state (the track would set the damage aside).
    await page.goto(`${env.url}/en/`);
    await page.evaluate(() => {
      localStorage.setItem('shipshape.exercise.v1.requirements-first', 'x1garbage!');
      localStorage.setItem('shipshape.exercise.v1.tls-termination', 'not ours');
      localStorage.setItem('shipshape.lab.v1.page', 'kept');
    });
    // A saved state loads the bundle at once.
    await page.goto(`${env.url}/en/exercises/requirements-first/`);
    await hydrated(page);
    await live(page);
    assert.match(await page.innerText('.ex-notice'), /could not be read/);
    assert.match(await page.inputValue('.ex-host textarea.lab-source'), /COPY \. \/code/);
    const storage = await page.evaluate(() => ({ ...localStorage }));
    assert.equal(storage['shipshape.exercise.v1.requirements-first.damaged'], 'x1garbage!');
    assert.equal(storage['shipshape.lab.v1.page'], 'kept');
    // The track names the other damaged one, and still lists everything.
    await page.goto(`${env.url}/en/exercises/`);
    await hydrated(page);
    await page.waitForSelector('#exercises-root[data-live]');
    assert.match(await page.innerText('.ex-track-notice'), /tls-termination/);
    assert.equal(await page.locator('li[data-exercise-id]').count(), 22);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the task, the start files and the goals read without JavaScript', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.url}/en/exercises/dockerignore/`);
    assert.match(await page.innerText('.ex-task-text'), /\.dockerignore/);
    assert.match(await page.inputValue('.ex-host textarea.lab-source'), /COPY \. \/code/);
    assert.match(await page.inputValue('.ex-host textarea.lab-context-files'), /\.venv\/bin\/python/);
    assert.equal(await page.locator('.ex-goal').count(), 6);
    assert.match(await page.innerText('.ex-goal[data-met=false]'), /reruns `?COPY \. \/code`?/);
    await context.close();
  });
});

describe('the track', () => {
  test('shows progress, and its completion code verifies with the CLI', async () => {
    const { context, page, problems, foreign } = await openExercise('en', 'requirements-first');
    await typeDockerfile(page, REQUIREMENTS_FIRST);
    await live(page);
    await page.waitForSelector('article[data-exercise-status=passed]');
    await page.goto(`${env.url}/ko/exercises/restarts/`);
    await hydrated(page);
    await page.check('input[value=external-tool]');
    await live(page);
    await page.waitForSelector('article[data-exercise-status=passed]');
    await page.goto(`${env.url}/en/exercises/`);
    await hydrated(page);
    await page.waitForSelector('#exercises-root[data-live]');
    assert.equal(await page.getAttribute('li[data-exercise-id=requirements-first]', 'data-status'), 'passed');
    assert.equal(await page.getAttribute('li[data-exercise-id=restarts]', 'data-status'), 'passed');
    assert.equal(await page.getAttribute('li[data-exercise-id=dockerignore]', 'data-status'), 'not-started');
    assert.match(await page.innerText('.ex-progress-text'), /^2 of 22 solved$/);
    assert.equal(await page.getAttribute('.ex-progress-bar', 'value'), '2');
    // Where to go on: the first exercise not solved yet.
    assert.equal(await page.getAttribute('.ex-continue-link', 'href'), '/en/exercises/tls-termination/');
    await page.fill('#ex-code-name', 'Mina');
    const code = await page.inputValue('#ex-code-text');
    assert.match(code, /^SSX1-[A-Za-z0-9_-]+$/);
    // Copy: the clipboard may be refused headless; either way the page says what happened.
    await page.click('button.ex-code-copy');
    await page.waitForFunction(() => document.querySelector('.ex-track-notice')?.textContent.length > 0);
    const verified = cli(['exercises', 'verify', '-'], code);
    assert.equal(verified.code, 0, verified.stderr + verified.stdout);
    assert.match(verified.stdout, /Mina/);
    assert.match(verified.stdout, /requirements-first\s+passed \(6\/6\)/);
    assert.match(verified.stdout, /restarts\s+passed/);
    // One altered character, and the CLI refuses the code in one line.
    const tampered = code.slice(0, -3) + (code.at(-3) === 'A' ? 'B' : 'A') + code.slice(-2);
    const refused = cli(['exercises', 'verify', tampered]);
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
    // Reset the whole track, then undo it.
    await page.click('button.ex-reset-all');
    await page.waitForFunction(() => document.querySelector('.ex-progress-text')?.textContent.startsWith('0 of'));
    assert.equal(await page.locator('#ex-code-text').count(), 0);
    await page.click('button.ex-undo');
    await page.waitForFunction(() => document.querySelector('.ex-progress-text')?.textContent.startsWith('2 of'));
    assert.equal(await page.inputValue('#ex-code-text'), code);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });

  test('the sidebar and the guide pages they practise link to the exercises', async () => {
    const { context, page } = await openExercise('ja', 'tls-termination');
    assert.equal(await page.getAttribute('.sidebar a[href="/ja/exercises/"]', 'aria-current'), 'page');
    await page.goto(`${env.url}/ja/build-cache/`);
    const block = page.locator('.content aside.practise');
    assert.match(await block.innerText(), /演習で試す/);
    assert.ok(await block.locator('a[href="/ja/exercises/requirements-first/"]').count());
    // The block is not a section of the page: the table of contents does not list it.
    assert.equal(await page.locator('.toc a', { hasText: '演習で試す' }).count(), 0);
    await context.close();
  });
});

describe('exercises accessibility', () => {
  for (const scheme of ['light', 'dark']) {
    test(`axe-core finds no serious or critical violation on the track and an exercise (${scheme})`, async () => {
      const { context, page } = await openExercise('en', 'requirements-first', { colorScheme: scheme });
      await page.click('button.ex-show-hint');
      await live(page);
      await page.waitForSelector('.ex-hints li');
      assert.deepEqual(await seriousViolations(page), []);
      await typeDockerfile(page, REQUIREMENTS_FIRST);
      await page.waitForSelector('article[data-exercise-status=passed]');
      assert.deepEqual(await seriousViolations(page), []);
      await page.goto(`${env.url}/en/exercises/`);
      await hydrated(page);
      await page.waitForSelector('#exercises-root[data-live]');
      assert.deepEqual(await seriousViolations(page), []);
      await context.close();
    });
  }
});
