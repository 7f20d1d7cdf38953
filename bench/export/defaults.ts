/** Access-log entries about each other client, by default: a few views and edits over its life on the device. */
export const LOG_PER_CLIENT_DEFAULT = 10;
