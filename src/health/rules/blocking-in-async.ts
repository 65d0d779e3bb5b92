import { defineHealthRule, smellHits, py } from '../rule.js';

export const blockingInAsync = defineHealthRule({
  id: 'health.blocking-in-async',
  severity: 'medium',
  scoredBy: 'quality',
  summary: 'A blocking call inside `async def` stalls the event loop',
  docs: {
    what: 'Flags, inside `async def`, calls to `time.sleep`, `requests.*`, `urllib.request.urlopen`, `subprocess.run/call/check_call/check_output`, `os.system`, builtin `open` and synchronous database connects.',
    why: 'While the call blocks, no other task on the loop runs: one slow request freezes every connection the process serves.',
    example: 'async def handler():\n    time.sleep(1)',
    fix: 'Use the async equivalent (`await asyncio.sleep`, httpx.AsyncClient, asyncio.create_subprocess_exec, aiofiles) or `await asyncio.to_thread(fn, ...)`.',
  },
  codes: ['ASYNC210', 'ASYNC220', 'ASYNC221', 'ASYNC222', 'ASYNC230', 'ASYNC251'],
  check: smellHits,
  examples: {
    bad: [py('import time\nasync def handler():\n    time.sleep(1)\n'), py('import requests\nasync def handler(url):\n    return requests.get(url, timeout=5)\n')],
    good: [py('import asyncio\nasync def handler():\n    await asyncio.sleep(1)\n'), py('import time\ndef handler():\n    time.sleep(1)\n')],
  },
});
