using Hpms.Cloud.Hosting;

// hpms-cloud: composition only (Hosting/CloudApplication.cs lists each feature's wiring).
WebApplication app = CloudApplication.Build(args);
await app.RunAsync().ConfigureAwait(false);
