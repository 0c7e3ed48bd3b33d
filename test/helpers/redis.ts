// A throwaway redis-server for a test file (gateway/cluster/redis-server.ts): on a free loopback
// port, nothing saved to disk, stopped after. Gateways started with its URL share it as several nodes would.
export { type RedisServer, startRedisServer as startRedis } from '../../gateway/cluster/redis-server.js';
