using Hpms.Edge.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// hpms-edge: composition only (Hosting/EdgeApplication.cs lists each feature's wiring).
EdgeCommandLine commandLine = EdgeCommandLine.Parse(args);
HostApplicationBuilder builder = EdgeApplication.CreateBuilder(commandLine);
builder.Services.AddSystemd();
using IHost host = builder.Build();
return await EdgeRunner.RunAsync(host, commandLine, Console.Out);
