import { loadConfig, loadPlantModel, runService } from '@plantwatch/platform';
import { startAlarms } from './bootstrap.js';
import { alarmsEnv } from './config.js';
import { loadRoster, SHIPPED_ROSTER } from './rules/roster-file.js';

async function main(): Promise<() => Promise<void>> {
  const env = loadConfig(alarmsEnv);
  const plant = await loadPlantModel(env.PLANTWATCH_PLANT_MODEL);
  const alarms = await startAlarms({
    plant,
    mqtt: { url: env.MQTT_URL, username: env.MQTT_USERNAME, password: env.MQTT_PASSWORD },
    dataDir: env.PLANTWATCH_DATA_DIR,
    roster: loadRoster(env.ALARM_ROSTER_FILE ?? SHIPPED_ROSTER),
    tickMs: env.ALARM_TICK_MS,
    webhookOnRaise: env.ALARM_WEBHOOK_ON_RAISE.split(',').filter((s) => s !== ''),
    ...(env.ALARM_RULES_DIR === undefined ? {} : { rulesDir: env.ALARM_RULES_DIR }),
    ...(env.ALARM_WEBHOOK_URL === undefined ? {} : { webhookUrl: env.ALARM_WEBHOOK_URL }),
    ...(env.ALARM_SMTP_URL === undefined ? {} : { mail: { url: env.ALARM_SMTP_URL, from: env.ALARM_MAIL_FROM } }),
  });
  const types = alarms.service.ruleFiles().map((f) => `${f.deviceType} (${f.rules.length})`);
  console.log(`alarms: rules for ${types.join(', ')}; ${alarms.service.engine.list().length} alarms restored; broker ${env.MQTT_URL}`);
  return () => alarms.close();
}

runService('alarms', main);
