-- wrk script: paced GET for a latency reading at a target rate (wrk2 is not in Debian).
--
-- Every connection waits BENCH_DELAY_MS (may be fractional) before each request, so C
-- connections offer about C * 1000 / BENCH_DELAY_MS requests a second. This is still a closed
-- loop: the wait starts when the previous response arrives, so a slow response delays the next
-- request instead of queueing it (coordinated omission), and p99 reads optimistic. wrk takes
-- whole milliseconds, hence the random rounding: the mean wait is BENCH_DELAY_MS.
local d = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

function delay()
  local whole = math.floor(d)
  if math.random() < d - whole then
    return whole + 1
  end
  return whole
end
